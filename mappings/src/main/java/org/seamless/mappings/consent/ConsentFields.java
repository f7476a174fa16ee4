package org.seamless.mappings.consent;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** Field checks shared by the JSON form and CSV rows; messages name the field, never the value. */
final class ConsentFields {
    /** A sender's own consent reference: letters, digits, dot, hyphen, underscore; at most 64. */
    static final Pattern LOCAL_REFERENCE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private ConsentFields() {
    }

    static String reference(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            throw new ConsentInputException("missing-field", field, "a reference is required");
        }
        if (!LOCAL_REFERENCE.matcher(raw.strip()).matches()) {
            throw new ConsentInputException("invalid-reference", field,
                    "the reference must be 1-64 letters, digits, '.', '-' or '_'");
        }
        return raw.strip();
    }

    static boolean objection(String decision, String field) {
        String d = decision == null ? "" : decision.strip();
        return switch (d) {
            case "consent" -> false;
            case "objection" -> true;
            default -> throw new ConsentInputException("unknown-decision", field, "decision must be consent or objection");
        };
    }

    static String required(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            throw new ConsentInputException("missing-field", field, "the field is required");
        }
        return raw.strip();
    }

    static LocalDate date(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(raw.strip());
        } catch (DateTimeParseException e) {
            throw new ConsentInputException("invalid-date", field, "dates must be ISO 8601 (yyyy-mm-dd)");
        }
    }

    static ConsentSpec.Recipient recipient(String agency, String kind, String field) {
        boolean hasAgency = agency != null && !agency.isBlank();
        boolean hasKind = kind != null && !kind.isBlank();
        if (hasAgency == hasKind) {
            throw new ConsentInputException("invalid-recipient", field, "give exactly one of a recipient agency or kind");
        }
        return hasAgency ? ConsentSpec.Recipient.agency(agency.strip()) : ConsentSpec.Recipient.kind(kind.strip());
    }
}
