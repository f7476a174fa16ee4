package org.seamless.mappings.d2a;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.canonical.SeamlessEvent;

/**
 * Reads a council's discharge to assess answers file ({@code d2a-answers-*.csv}, la-csv inbox): a
 * header row naming {@link #COLUMNS} (any order; the optional ones may be left out), one answer per
 * row, rows independent. Each row becomes a {@link D2aAnswer} whose message id is a name-based UUID
 * of (council, row values), so the same row sent twice is one message. A bad row gets a
 * {@link Row#problem()} naming the column and never quoting the value.
 */
public final class D2aAnswerCsv {
    public static final List<String> COLUMNS = List.of("answer_to", "event", "nhs_number", "answered_at", "outcome",
            "confirmed_pathway", "note", "package_id", "package_type", "provider_agency_id", "provider_cqc_location_id",
            "provider_name", "provider_phone", "care_start_date", "contact_name", "contact_phone");
    public static final Set<String> REQUIRED = Set.of("answer_to", "event", "nhs_number", "answered_at");

    private D2aAnswerCsv() {
    }

    /** One row: the answer, or the problem. */
    public record Row(long line, String text, D2aAnswer answer, String problemColumn, String problem) {
        public boolean ok() {
            return answer != null;
        }
    }

    /** Every row of a file; throws {@link IllegalArgumentException} when the header is wrong. */
    public static List<Row> read(Reader in, String councilAgencyId) throws IOException {
        List<Row> rows = new ArrayList<>();
        try (CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            List<String> header = p.getHeaderNames();
            for (String required : COLUMNS.stream().filter(REQUIRED::contains).toList()) {
                if (!header.contains(required)) {
                    throw new IllegalArgumentException("the header lacks column " + required);
                }
            }
            for (String h : header) {
                if (!COLUMNS.contains(h)) {
                    throw new IllegalArgumentException("the header has an unknown column " + h.replaceAll("[^a-z_]", "?"));
                }
            }
            for (CSVRecord r : p) {
                rows.add(row(r, header, councilAgencyId));
            }
        }
        return rows;
    }

    private static Row row(CSVRecord r, List<String> header, String council) {
        String text = String.join(",", r.toList());
        String column = null;
        try {
            column = "event";
            SeamlessEvent event = event(get(r, header, "event"));
            column = "nhs_number";
            NhsNumber nhs = NhsNumber.parse(get(r, header, "nhs_number"));
            column = "answered_at";
            Instant at = Instant.parse(get(r, header, "answered_at"));
            column = "outcome";
            D2aCodes.Outcome outcome = opt(r, header, "outcome") == null ? null
                    : D2aCodes.Outcome.fromCode(opt(r, header, "outcome")).orElseThrow();
            column = "confirmed_pathway";
            D2aCodes.Pathway pathway = opt(r, header, "confirmed_pathway") == null ? null
                    : D2aCodes.Pathway.fromCode(opt(r, header, "confirmed_pathway")).orElseThrow();
            column = "package_type";
            D2aCodes.PackageType type = opt(r, header, "package_type") == null ? null
                    : D2aCodes.PackageType.fromCode(opt(r, header, "package_type")).orElseThrow();
            column = "care_start_date";
            LocalDate start = opt(r, header, "care_start_date") == null ? null
                    : LocalDate.parse(opt(r, header, "care_start_date"));
            column = "answer_to";
            String answerTo = get(r, header, "answer_to");
            String id = UUID.nameUUIDFromBytes((council + "|" + text).getBytes(StandardCharsets.UTF_8)).toString();
            column = null;
            return new Row(r.getRecordNumber() + 1, text, new D2aAnswer(id, event, at, council, answerTo, nhs, null,
                    null, null, outcome, pathway, opt(r, header, "note"), opt(r, header, "package_id"), type,
                    opt(r, header, "provider_agency_id"), opt(r, header, "provider_cqc_location_id"),
                    opt(r, header, "provider_name"), opt(r, header, "provider_phone"), start,
                    opt(r, header, "contact_name"), opt(r, header, "contact_phone")), null, null);
        } catch (RuntimeException e) {
            String why = column == null ? safe(e.getMessage()) : "missing or invalid value";
            return new Row(r.getRecordNumber() + 1, text, null, column == null ? "row" : column, why);
        }
    }

    /** {@code care-arranged} or {@code d2a-care-arranged}. */
    static SeamlessEvent event(String value) {
        String code = value.toLowerCase(Locale.ROOT).startsWith("d2a-") ? value.toLowerCase(Locale.ROOT)
                : "d2a-" + value.toLowerCase(Locale.ROOT);
        return SeamlessEvent.fromCode(code).filter(D2aCodes.FROM_COUNCIL::contains).orElseThrow();
    }

    private static String get(CSVRecord r, List<String> header, String column) {
        String v = opt(r, header, column);
        if (v == null) {
            throw new IllegalArgumentException(column);
        }
        return v;
    }

    private static String opt(CSVRecord r, List<String> header, String column) {
        if (!header.contains(column) || !r.isSet(column)) {
            return null;
        }
        String v = r.get(column).strip();
        return v.isEmpty() ? null : v;
    }

    /** The record's messages name fields only ("a d2a-care-arranged event needs careStartDate"). */
    private static String safe(String message) {
        return message == null ? "invalid row" : message;
    }
}
