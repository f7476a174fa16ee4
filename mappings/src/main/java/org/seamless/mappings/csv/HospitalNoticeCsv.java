package org.seamless.mappings.csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.hl7.fhir.r4.model.Bundle;

/**
 * Maps a Care Act notice message to one row of the hospital-notice CSV a local authority imports
 * (RFC 4180: comma, double quotes, CRLF; UTF-8 without BOM is the caller's encoding).
 * {@code message_id} and {@code replay_generation} let the importer discard duplicates: same
 * message id = same notice; a higher replay generation is an operator's replay of it.
 * Empty cell = element absent. Dates ISO 8601. Columns: see {@link #COLUMNS} and docs/message-catalogue.md.
 */
public final class HospitalNoticeCsv {
    /** Column names, in order. */
    public static final List<String> COLUMNS = List.of(
            "message_id", "replay_generation", "event", "sent_at",
            "nhs_number", "family_name", "given_names", "birth_date", "gender",
            "address_line_1", "address_line_2", "address_line_3", "city", "postcode", "phone",
            "hospital_ods_code", "ward", "encounter_id", "admitted_at", "planned_discharge_date",
            "contact_name", "contact_phone");

    private static final CSVFormat FORMAT = CSVFormat.RFC4180;

    private final FormulaPolicy policy;

    public HospitalNoticeCsv(FormulaPolicy policy) {
        this.policy = policy;
    }

    /** The row's cell values (after the formula policy), in {@link #COLUMNS} order; null = empty cell. */
    public List<String> values(Bundle notice, int replayGeneration) {
        if (replayGeneration < 0) {
            throw new IllegalArgumentException("replayGeneration must not be negative");
        }
        return HospitalNoticeRow.values(notice, replayGeneration).stream().map(policy::apply).toList();
    }

    /** The header line, CRLF-terminated. */
    public String headerLine() {
        return print(COLUMNS);
    }

    /** One data line for a notice, CRLF-terminated. */
    public String rowLine(Bundle notice, int replayGeneration) {
        return print(values(notice, replayGeneration));
    }

    /** A whole file: the header line and one line per notice. */
    public String file(List<Bundle> notices, int replayGeneration) {
        StringBuilder out = new StringBuilder(headerLine());
        notices.forEach(n -> out.append(rowLine(n, replayGeneration)));
        return out.toString();
    }

    private static String print(List<String> cells) {
        StringBuilder out = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(out, FORMAT)) {
            printer.printRecord(cells);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
