package org.seamless.privacy.sensitivity;

import java.util.Objects;
import org.hl7.fhir.r4.model.Coding;

/** A (system, code) pair: one member of a suppressed code set or one security label. */
public record CodeRef(String system, String code) {
    public CodeRef {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(code, "code");
    }

    public static CodeRef of(Coding coding) {
        return new CodeRef(String.valueOf(coding.getSystem()), String.valueOf(coding.getCode()));
    }
}
