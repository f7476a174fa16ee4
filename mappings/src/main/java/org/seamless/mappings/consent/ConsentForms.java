package org.seamless.mappings.consent;

import java.util.List;

/** The simple JSON form to a {@link ConsentSpec}: checks only the form's own shape, the mapper checks the rest. */
public final class ConsentForms {
    private ConsentForms() {
    }

    /** The spec of a form sent by {@code sourceAgency}; its reference is scoped to that agency. */
    public static ConsentSpec toSpec(ConsentForm form, String sourceAgency) {
        String reference = ConsentMessages.referenceFor(sourceAgency, ConsentFields.reference(form.reference(), "reference"));
        boolean objection = ConsentFields.objection(form.decision(), "decision");
        String purpose = ConsentFields.required(form.purpose(), "purpose");
        if (form.recipient() == null) {
            throw new ConsentInputException("invalid-recipient", "recipient", "the recipient is required");
        }
        ConsentSpec.Recipient recipient = ConsentFields.recipient(form.recipient().agency(), form.recipient().kind(),
                "recipient");
        return new ConsentSpec(reference, form.nhsNumber(), objection, List.of(purpose), List.of(recipient),
                ConsentFields.date(form.start(), "start"), ConsentFields.date(form.end(), "end"), true);
    }
}
