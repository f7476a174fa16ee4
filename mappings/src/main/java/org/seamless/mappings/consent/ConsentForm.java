package org.seamless.mappings.consent;

/**
 * The simple JSON form of {@code POST /api/v1/consents}, for senders who do not speak FHIR.
 * Field meanings are in docs/privacy.md section 4; {@link ConsentForms} turns it into a {@link ConsentSpec}.
 */
public record ConsentForm(String nhsNumber, String decision, String purpose, FormRecipient recipient, String start,
                          String end, String reference) {

    /** Whom the decision is about: {@code agency} (a Seamless agency id) or {@code kind} (an agency kind). */
    public record FormRecipient(String agency, String kind) {
    }

    @Override
    public String toString() {
        return "ConsentForm[reference=" + reference + ", decision=" + decision + "]";
    }
}
