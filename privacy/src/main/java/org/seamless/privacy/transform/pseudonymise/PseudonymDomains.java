package org.seamless.privacy.transform.pseudonymise;

import java.util.Map;
import org.seamless.privacy.AgencyRef;

/**
 * Which pseudonym domain a recipient belongs to: its own agency id unless configured otherwise
 * (e.g. several services of one charity sharing a domain so that they can link their records).
 */
public record PseudonymDomains(Map<String, String> domainByAgency) {

    public PseudonymDomains {
        domainByAgency = Map.copyOf(domainByAgency);
    }

    /** Every recipient is its own domain. */
    public static PseudonymDomains perAgency() {
        return new PseudonymDomains(Map.of());
    }

    public String domainFor(AgencyRef recipient) {
        return domainByAgency.getOrDefault(recipient.id(), recipient.id());
    }
}
