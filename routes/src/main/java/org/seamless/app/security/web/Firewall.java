package org.seamless.app.security.web;

import java.util.function.Predicate;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's strict firewall with its own rules for header names, header values and parameter names,
 * checked by a scan of the text instead of the regular expressions the firewall uses by default (ADR 0094).
 * The rules are the same: every character assigned in Unicode and none an ISO control character, except a
 * tab in a header value. Every header of every request is checked each time a component reads it (the FHIR
 * server reads them all twice per request), and the regular expressions were 0.3-6 % of a notice's CPU.
 * {@code FirewallTest} compares the two on generated text.
 */
public final class Firewall {
    /** Header names and parameter names: {@code [\p{IsAssigned}&&[^\p{IsControl}]]*}. */
    public static final Predicate<String> NAME = s -> assignedWithoutControls(s, false);
    /** Header values: {@code [\p{IsAssigned}&&[[^\p{IsControl}]||\t]]*}. */
    public static final Predicate<String> HEADER_VALUE = s -> assignedWithoutControls(s, true);

    private Firewall() {
    }

    /** The strict firewall, every other rule left at its default. */
    public static StrictHttpFirewall strict() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(NAME);
        firewall.setAllowedHeaderValues(HEADER_VALUE);
        firewall.setAllowedParameterNames(NAME);
        return firewall;
    }

    static boolean assignedWithoutControls(String s, boolean tabAllowed) {
        for (int i = 0; i < s.length(); ) {
            char ch = s.charAt(i);
            if (ch >= 0x20 && ch < 0x7f) { // why: printable ASCII, nearly every character of every header
                i++;
                continue;
            }
            int cp = s.codePointAt(i);
            if (!Character.isDefined(cp) || (Character.isISOControl(cp) && !(tabAllowed && cp == '\t'))) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }
}
