package org.seamless.privacy.consent;

/**
 * A FHIR Consent cannot be turned into registry records. The message names the problem and the
 * element path (e.g. {@code Consent.provision.purpose[1]}), never a personal value.
 */
public class ConsentMappingException extends RuntimeException {
    private final String code;
    private final String location;

    public ConsentMappingException(String code, String location, String message) {
        super(message + " (at " + location + ")");
        this.code = code;
        this.location = location;
    }

    /** A stable machine-readable code, e.g. {@code unresolved-patient}. */
    public String code() {
        return code;
    }

    /** The FHIRPath-style location of the offending element. */
    public String location() {
        return location;
    }
}
