package org.seamless.app.security.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * The firewall's header checks by scan accept and refuse exactly what Spring Security's default regular
 * expressions do (ADR 0094), and the firewall made with them refuses what the default one refuses.
 */
class FirewallTest {
    // Spring Security 7's defaults, as its StrictHttpFirewall compiles them
    private static final Pattern NAME = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    private static final Pattern HEADER_VALUE = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    @Test
    void theScanAgreesWithTheRegularExpressionsOnGeneratedText() {
        Random random = new Random(20261206);
        int refusedNames = 0;
        int refusedValues = 0;
        for (int i = 0; i < 20_000; i++) {
            String s = text(random);
            boolean name = Firewall.NAME.test(s);
            boolean value = Firewall.HEADER_VALUE.test(s);
            assertThat(name).as("name %s", codes(s)).isEqualTo(NAME.matcher(s).matches());
            assertThat(value).as("value %s", codes(s)).isEqualTo(HEADER_VALUE.matcher(s).matches());
            refusedNames += name ? 0 : 1;
            refusedValues += value ? 0 : 1;
        }
        // the generator reaches both answers often, so the agreement is not only on accepted text
        assertThat(refusedNames).isBetween(2_000, 18_000);
        assertThat(refusedValues).isBetween(2_000, 18_000);
        assertThat(refusedNames).isGreaterThan(refusedValues); // a tab is refused in names only
    }

    @Test
    void edgeCharacters() {
        for (String s : new String[] {"", "X-API-Key", "a\tb", "\u007f", "\u0080", "\u009f", "\u00a0", "\u0378",
                "\ud83d\ude00", "\ud83d", "\ude00", "x\ud83d", "\u0000", "\r\n", "\ufffe", "\uffff", "\udb7f\udfff"}) {
            assertThat(Firewall.NAME.test(s)).as("name %s", codes(s)).isEqualTo(NAME.matcher(s).matches());
            assertThat(Firewall.HEADER_VALUE.test(s)).as("value %s", codes(s))
                    .isEqualTo(HEADER_VALUE.matcher(s).matches());
        }
    }

    @Test
    void theFirewallRefusesAControlCharacterInAHeaderOrParameterNameAndPassesAnOrdinaryRequest() {
        HttpFirewall firewall = Firewall.strict();
        assertThat(firewall).isInstanceOf(StrictHttpFirewall.class);

        MockHttpServletRequest ok = request();
        ok.addHeader("X-API-Key", "key-0123456789");
        ok.addHeader("User-Agent", "Mozilla/5.0 (tab\there) é ✓");
        var passed = firewall.getFirewalledRequest(ok);
        assertThat(passed.getHeader("X-API-Key")).isEqualTo("key-0123456789");
        assertThat(passed.getHeader("User-Agent")).contains("tab\there");

        MockHttpServletRequest badValue = request();
        badValue.addHeader("X-API-Key", "key\u0001");
        assertThatThrownBy(() -> firewall.getFirewalledRequest(badValue).getHeader("X-API-Key"))
                .isInstanceOf(RequestRejectedException.class);

        MockHttpServletRequest badName = request();
        badName.addHeader("X-Bad\tName", "v");
        assertThatThrownBy(() -> firewall.getFirewalledRequest(badName).getHeader("X-Bad\tName"))
                .isInstanceOf(RequestRejectedException.class);

        MockHttpServletRequest badParameter = request();
        badParameter.addParameter("a\u0002", "v");
        assertThatThrownBy(() -> firewall.getFirewalledRequest(badParameter).getParameterMap())
                .isInstanceOf(RequestRejectedException.class);
    }

    private static MockHttpServletRequest request() {
        MockHttpServletRequest r = new MockHttpServletRequest("POST", "/fhir/$process-message");
        r.setServletPath("/fhir/$process-message");
        return r;
    }

    /** Mostly printable ASCII, with controls, tabs, unassigned code points, supplementary ones and lone surrogates. */
    private static String text(Random random) {
        StringBuilder b = new StringBuilder();
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(20)) {
                case 0 -> b.append((char) random.nextInt(0x20)); // C0 controls, tab among them
                case 1 -> b.append('\t');
                case 2 -> b.append((char) (0x7f + random.nextInt(0x21))); // DEL and C1 controls
                case 3 -> b.appendCodePoint(random.nextInt(0x10000)); // any BMP char, lone surrogates included
                case 4 -> b.appendCodePoint(0x10000 + random.nextInt(0x100000)); // supplementary, many unassigned
                case 5 -> b.append((char) (0x0378 + random.nextInt(8))); // around unassigned Greek code points
                default -> b.append((char) (0x20 + random.nextInt(0x5f)));
            }
        }
        return b.toString();
    }

    private static String codes(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(cp -> b.append(String.format("U+%04X ", cp)));
        return b.toString();
    }
}
