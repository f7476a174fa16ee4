package org.seamless.privacy.consent;

/**
 * A FHIR Consent cannot be turned into registry records. The message names the problem and the
 * element path (e.g. {@code Consent.provision.purpose[1]}), never a personal value.
 */
public class ConsentMappingException extends org.seamless.mappings.canonical.FieldProblemException {
    /** @param code a stable machine-readable code, e.g. {@code unresolved-patient} */
    public ConsentMappingException(String code, String location, String message) {
        super(code, location, message + " (at " + location + ")");
    }

    /** The FHIRPath-style location of the offending element ({@link #field()}). */
    public String location() {
        return field();
    }
}
