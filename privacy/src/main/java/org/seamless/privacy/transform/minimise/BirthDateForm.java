package org.seamless.privacy.transform.minimise;

import java.util.Arrays;
import java.util.Optional;

/** How a pseudonymised release states the subject's birth date. */
public enum BirthDateForm {
    /** The birth year only, e.g. {@code 2011}. */
    YEAR("year"),
    /** An age band at the time of the decision (e.g. 65-74), no birth date at all. */
    AGE_BAND("age-band");

    private final String code;

    BirthDateForm(String code) {
        this.code = code;
    }

    /** The configuration spelling. */
    public String code() {
        return code;
    }

    public static Optional<BirthDateForm> fromCode(String code) {
        return Arrays.stream(values()).filter(f -> f.code.equals(code)).findFirst();
    }
}
