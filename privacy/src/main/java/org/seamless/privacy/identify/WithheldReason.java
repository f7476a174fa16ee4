package org.seamless.privacy.identify;

import java.util.Arrays;
import java.util.Optional;

/**
 * Why a message carries no NHS number. Carried end to end and never back-filled from another source.
 */
public enum WithheldReason {
    /** National data opt-out style objection under the Health and Social Care Act 2012 s251A. */
    OBJECTION_S251A("objection-s251a"),
    /** The person used the service anonymously (e.g. a sexual health clinic). */
    ANONYMOUS_ACCESS("anonymous-access");

    /** Extension URL that carries the reason on Patient.identifier in canonical messages. */
    public static final String EXTENSION_URL = "https://seamless.dev/fhir/StructureDefinition/nhs-number-withheld";

    private final String code;

    WithheldReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<WithheldReason> fromCode(String code) {
        return Arrays.stream(values()).filter(r -> r.code.equals(code)).findFirst();
    }
}
