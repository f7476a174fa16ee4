package org.seamless.privacy.identify;

/**
 * The subject of a message cannot be identified: the sender must correct the message.
 * The message names the problem and the FHIR location, never the value.
 */
public class IdentificationException extends RuntimeException {
    private final String code;
    private final String location;

    public IdentificationException(String code, String location, String message) {
        super(message);
        this.code = code;
        this.location = location;
    }

    /** A stable machine-readable code, e.g. {@code invalid-nhs-number}. */
    public String code() {
        return code;
    }

    /** A FHIRPath-style location of the offending element, e.g. {@code Patient.identifier[0].value}. */
    public String location() {
        return location;
    }
}
