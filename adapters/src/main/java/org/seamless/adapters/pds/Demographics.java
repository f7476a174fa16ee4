package org.seamless.adapters.pds;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What a record says about a person, for a PDS search: family name and date of birth are PDS's minimum for a
 * non-fuzzy search; given name, gender ({@code male}, {@code female}, {@code other}, {@code unknown}) and
 * postcode narrow it. Personal data: {@link #toString()} prints none of it.
 */
public record Demographics(String family, String given, LocalDate birthDate, String gender, String postcode) {
    public Demographics {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(birthDate, "birthDate");
        if (family.isBlank()) {
            throw new IllegalArgumentException("family name is empty");
        }
    }

    @Override
    public String toString() {
        return "Demographics[given=" + (given != null) + ", gender=" + (gender != null) + ", postcode="
                + (postcode != null) + "]";
    }
}
