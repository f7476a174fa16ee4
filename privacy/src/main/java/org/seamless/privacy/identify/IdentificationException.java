package org.seamless.privacy.identify;

/**
 * The subject of a message cannot be identified: the sender must correct the message.
 * The message names the problem and the FHIR location, never the value.
 */
public class IdentificationException extends org.seamless.mappings.canonical.FieldProblemException {
    /**
     * @param code     a stable machine-readable code, e.g. {@code invalid-nhs-number}
     * @param location a FHIRPath-style location of the offending element, e.g. {@code Patient.identifier[0].value}
     */
    public IdentificationException(String code, String location, String message) {
        super(code, location, message);
    }

    /** The FHIRPath-style location of the offending element ({@link #field()}). */
    public String location() {
        return field();
    }
}
