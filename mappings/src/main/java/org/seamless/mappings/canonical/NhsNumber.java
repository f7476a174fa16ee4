package org.seamless.mappings.canonical;

import java.util.Objects;
import java.util.Optional;

/**
 * A validated NHS number (10 digits, Modulus 11 check digit). Construct with {@link #parse(String)}.
 * {@link #toString()} never prints the number, so it cannot leak into logs by accident.
 */
public final class NhsNumber {
    /** The FHIR identifier system for NHS numbers. */
    public static final String SYSTEM = "https://fhir.nhs.uk/Id/nhs-number";

    private final String digits;

    private NhsNumber(String digits) {
        this.digits = digits;
    }

    /**
     * Parses an NHS number written with or without spaces or hyphens.
     *
     * @throws InvalidNhsNumberException with a message that does not repeat the input
     */
    public static NhsNumber parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidNhsNumberException(InvalidNhsNumberException.Reason.MISSING);
        }
        String normalised = raw.strip().replace(" ", "").replace("-", "");
        if (normalised.length() != 10 || !normalised.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidNhsNumberException(InvalidNhsNumberException.Reason.NOT_TEN_DIGITS);
        }
        Integer check = checkDigitFor(normalised.substring(0, 9));
        if (check == null || check != normalised.charAt(9) - '0') {
            throw new InvalidNhsNumberException(InvalidNhsNumberException.Reason.CHECK_DIGIT);
        }
        return new NhsNumber(normalised);
    }

    /** Parses without throwing: empty when the input is not a valid NHS number. */
    public static Optional<NhsNumber> tryParse(String raw) {
        try {
            return Optional.of(parse(raw));
        } catch (InvalidNhsNumberException e) {
            return Optional.empty();
        }
    }

    public static boolean isValid(String raw) {
        return tryParse(raw).isPresent();
    }

    /**
     * The Modulus 11 check digit for nine leading digits, or null when the weighted sum gives 10
     * (no NHS number can start with those nine digits).
     */
    public static Integer checkDigitFor(String nineDigits) {
        if (nineDigits.length() != 9) {
            throw new IllegalArgumentException("nine digits expected");
        }
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (nineDigits.charAt(i) - '0') * (10 - i);
        }
        int check = 11 - (sum % 11);
        if (check == 11) {
            return 0;
        }
        return check == 10 ? null : check;
    }

    /** The ten digits, unformatted. Personal data: never log it. */
    public String value() {
        return digits;
    }

    /** The number in the 3-3-4 format people write, e.g. {@code 999 123 4560}. */
    public String formatted() {
        return digits.substring(0, 3) + " " + digits.substring(3, 6) + " " + digits.substring(6);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NhsNumber other && other.digits.equals(digits);
    }

    @Override
    public int hashCode() {
        return Objects.hash(digits);
    }

    @Override
    public String toString() {
        return "NhsNumber[redacted]";
    }
}
