package org.seamless.privacy.consent;

import java.util.Arrays;
import java.util.Optional;

/**
 * Why data is shared. The codes are those of the project's purpose CodeSystem ({@value #SYSTEM}),
 * and the spelling sharing rules use in their {@code purpose} field.
 */
public enum Purpose {
    DIRECT_CARE("direct-care"),
    SAFEGUARDING("safeguarding"),
    REFERRAL("referral"),
    SECONDARY_USE("secondary-use");

    /** Canonical URL of the project's purpose CodeSystem. */
    public static final String SYSTEM = "https://seamless.dev/fhir/CodeSystem/seamless-purpose";

    private final String code;

    Purpose(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<Purpose> fromCode(String code) {
        return Arrays.stream(values()).filter(p -> p.code.equals(code)).findFirst();
    }
}
