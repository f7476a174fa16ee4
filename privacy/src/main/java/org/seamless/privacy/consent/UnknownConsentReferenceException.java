package org.seamless.privacy.consent;

/** A withdrawal named a reference under which nothing was ever recorded. */
public class UnknownConsentReferenceException extends ConsentRegistryException {
    private final String reference;

    public UnknownConsentReferenceException(String reference) {
        super("no consent or objection was recorded under reference " + reference);
        this.reference = reference;
    }

    public String reference() {
        return reference;
    }
}
