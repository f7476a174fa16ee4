package org.seamless.adapters.pds;

import java.time.LocalDate;
import java.util.Optional;
import org.seamless.mappings.canonical.NhsNumber;

/**
 * The details of a PDS Patient a subscriber to identity events needs (ADR 0084): the number PDS answered under
 * (differs from the one read when that was superseded or merged), the date of death ({@code deceasedDateTime})
 * and the postcode of the current home address. Personal data: {@link #toString()} prints none of it.
 */
public record PdsPatient(NhsNumber nhsNumber, boolean superseded, Optional<LocalDate> dateOfDeath,
                         Optional<String> homePostcode) {
    @Override
    public String toString() {
        return "PdsPatient[superseded=" + superseded + ", deceased=" + dateOfDeath.isPresent() + ", postcode="
                + homePostcode.isPresent() + "]";
    }
}
