package org.seamless.hub.residence;

import java.util.List;
import java.util.Optional;

/**
 * What a message says about where the person lives, for residence routing: the current home
 * address's postcode, its UPRN when the sender gave one (UK Core AddressKey extension, type UPRN)
 * and its lines (not town or postcode). Personal data: {@link #toString()} shows nothing of it.
 */
public record PatientAddress(Optional<String> postcode, Optional<Long> uprn, List<String> lines) {
    public PatientAddress {
        lines = List.copyOf(lines);
    }

    /** Only a postcode, as the Care Act notices were routed before addresses were read. */
    public static PatientAddress ofPostcode(Optional<String> postcode) {
        return new PatientAddress(postcode, Optional.empty(), List.of());
    }

    @Override
    public String toString() {
        return "PatientAddress[postcode " + (postcode.isPresent() ? "given" : "absent") + ", uprn "
                + (uprn.isPresent() ? "given" : "absent") + ", " + lines.size() + " line(s)]";
    }
}
