package org.seamless.mappings.consent;

import java.util.List;

/** One consents CSV row to a {@link ConsentSpec}; the sending LA comes from the registry, never the file. */
public final class ConsentCsvRows {
    private ConsentCsvRows() {
    }

    /** Throws {@link ConsentInputException} naming the column and rule, never the value. */
    public static ConsentSpec toSpec(ConsentCsvRow row, String sourceAgency) {
        if (!row.complete()) {
            throw new ConsentInputException("wrong-column-count", "row", "the row has a different number of values from the header");
        }
        String reference = ConsentMessages.referenceFor(sourceAgency, ConsentFields.reference(row.reference(), "reference"));
        boolean objection = ConsentFields.objection(row.decision(), "decision");
        String purpose = ConsentFields.required(row.purpose(), "purpose");
        ConsentSpec.Recipient recipient = ConsentFields.recipient(row.recipientAgency(), row.recipientKind(),
                "recipient_agency/recipient_kind");
        return new ConsentSpec(reference, row.nhsNumber(), objection, List.of(purpose), List.of(recipient),
                ConsentFields.date(row.startDate(), "start_date"), ConsentFields.date(row.endDate(), "end_date"),
                active(row.status()));
    }

    private static boolean active(String status) {
        String s = status == null ? "" : status.strip();
        return switch (s) {
            case "", "active" -> true;
            case "withdrawn" -> false;
            default -> throw new ConsentInputException("unknown-status", "status", "status must be active or withdrawn");
        };
    }
}
