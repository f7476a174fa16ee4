package org.seamless.mappings.alert;

import java.nio.charset.Charset;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How one LA's alert extract is laid out: which of its columns holds each alert field, its encoding,
 * date format and time zone. A field given as {@code =value} is a constant for every row (e.g. an
 * SSDA903 episodes file is all looked-after children). {@code alertId} may join several columns.
 *
 * <p>Defaults (the Seamless layout): columns {@code alert_id, nhs_number, alert_type, start_date,
 * end_date, review_date, team_name, team_phone, deleted}; UTF-8; ISO dates (yyyy-MM-dd); Europe/London.
 */
public record AlertCsvLayout(List<String> alertId, String nhsNumber, String type, Map<String, String> typeValues,
                             String start, String end, String review, String teamName, String teamPhone,
                             String deleted, Charset encoding, String datePattern, ZoneId zone) {

    public static final AlertCsvLayout DEFAULT = new AlertCsvLayout(List.of("alert_id"), "nhs_number", "alert_type",
            Map.of(), "start_date", "end_date", "review_date", "team_name", "team_phone", "deleted",
            java.nio.charset.StandardCharsets.UTF_8, "yyyy-MM-dd", ZoneId.of("Europe/London"));

    public AlertCsvLayout {
        alertId = List.copyOf(alertId);
        typeValues = Map.copyOf(typeValues);
        if (alertId.isEmpty() || nhsNumber == null || type == null || start == null) {
            throw new IllegalArgumentException("an alert layout needs alert-id, nhs-number, type and start");
        }
        DateTimeFormatter.ofPattern(datePattern); // fails early on a bad pattern
    }

    public DateTimeFormatter dates() {
        return DateTimeFormatter.ofPattern(datePattern).withResolverStyle(java.time.format.ResolverStyle.SMART);
    }

    /** The header columns the file must have (constants and unmapped optional fields excluded). */
    public List<String> requiredColumns() {
        java.util.List<String> out = new java.util.ArrayList<>(alertId);
        for (String c : new String[] {nhsNumber, type, start}) {
            column(c).ifPresent(out::add);
        }
        return out;
    }

    /** The optional columns that are mapped; they may be absent from the header. */
    public List<String> optionalColumns() {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (String c : new String[] {end, review, teamName, teamPhone, deleted}) {
            column(c).ifPresent(out::add);
        }
        return out;
    }

    /** A mapping that names a column (empty for a constant or an unmapped field). */
    public static Optional<String> column(String mapping) {
        return mapping == null || mapping.isBlank() || mapping.startsWith("=") ? Optional.empty() : Optional.of(mapping);
    }
}
