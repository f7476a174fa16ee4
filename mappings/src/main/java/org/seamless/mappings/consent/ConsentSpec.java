package org.seamless.mappings.consent;

import java.time.LocalDate;
import java.util.List;

/**
 * One consent or objection as Seamless's own front doors (the simple JSON form, CSV rows, a
 * withdrawal) describe it, before it becomes a FHIR {@code Consent}. Values are carried as sent:
 * the hub's FHIR Consent mapper is the one place that decides whether they are acceptable.
 *
 * @param reference  the registry reference, {@code system|value} (or {@code <source>/Consent/<id>})
 * @param nhsNumber  the NHS number as sent (validated by the mapper); personal data
 * @param objection  true for an objection (deny), false for a consent (permit)
 * @param purposes   purpose codes of the project's purpose CodeSystem
 * @param recipients named agencies or agency kinds
 * @param start      first day in force (a day in England), or null
 * @param end        last day in force, inclusive, or null
 * @param active     false for a withdrawal
 */
public record ConsentSpec(String reference, String nhsNumber, boolean objection, List<String> purposes,
                          List<Recipient> recipients, LocalDate start, LocalDate end, boolean active) {

    public ConsentSpec {
        purposes = List.copyOf(purposes);
        recipients = List.copyOf(recipients);
    }

    /** A recipient: exactly one of a Seamless agency id or an agency-kind code. */
    public record Recipient(String agency, String kind) {
        public static Recipient agency(String id) {
            return new Recipient(id, null);
        }

        public static Recipient kind(String code) {
            return new Recipient(null, code);
        }
    }

    @Override
    public String toString() {
        return "ConsentSpec[" + reference + (objection ? " objection" : " consent") + (active ? "" : " withdrawn") + "]";
    }
}
