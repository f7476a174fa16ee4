package org.seamless.mappings.alert;

import java.nio.charset.Charset;
import java.time.ZoneId;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How one LA's alert extract is laid out: which of its columns holds each alert field, its encoding,
 * date format and time zone. A field given as {@code =value} is a constant for every row (e.g. an
 * SSDA903 episodes file is all looked-after children). {@code alertId} may join several columns.
 *
 * <p>Defaults (the Seamless layout): columns {@code alert_id, nhs_number, alert_type, start_date,
 * end_date, review_date, team_name, team_phone, deleted}; UTF-8; ISO dates (yyyy-MM-dd); Europe/London.
 *
 * <p>Fields alert-id, nhs-number, type and start are always required; the others ({@link #OPTIONAL_FIELDS})
 * are optional unless the layout names them in {@code requiredFields}. An empty optional value means
 * absent; an empty required value is a rejected row ({@code missing-value}). Dates are parsed strictly:
 * 31/02 or 29/02 of a common year is an invalid date, never the nearest valid day.
 */
public record AlertCsvLayout(List<String> alertId, String nhsNumber, String type, Map<String, String> typeValues,
                             String start, String end, String review, String teamName, String teamPhone,
                             String deleted, Charset encoding, String datePattern, ZoneId zone,
                             Set<String> requiredFields) {

    /** The fields a layout may leave empty (or make required). */
    public static final List<String> OPTIONAL_FIELDS = List.of("end", "review", "team-name", "team-phone", "deleted");

    public static final AlertCsvLayout DEFAULT = new AlertCsvLayout(List.of("alert_id"), "nhs_number", "alert_type",
            Map.of(), "start_date", "end_date", "review_date", "team_name", "team_phone", "deleted",
            java.nio.charset.StandardCharsets.UTF_8, "yyyy-MM-dd", ZoneId.of("Europe/London"));

    public AlertCsvLayout {
        alertId = List.copyOf(alertId);
        typeValues = Map.copyOf(typeValues);
        requiredFields = Set.copyOf(requiredFields);
        if (alertId.isEmpty() || nhsNumber == null || type == null || start == null) {
            throw new IllegalArgumentException("an alert layout needs alert-id, nhs-number, type and start");
        }
        for (String f : requiredFields) {
            if (!OPTIONAL_FIELDS.contains(f)) {
                throw new IllegalArgumentException("alert-required-fields: '" + f + "' is not one of " + OPTIONAL_FIELDS);
            }
            String m = Map.of("end", String.valueOf(end), "review", String.valueOf(review), "team-name",
                    String.valueOf(teamName), "team-phone", String.valueOf(teamPhone), "deleted", String.valueOf(deleted))
                    .get(f);
            if ("null".equals(m) || m.isBlank()) {
                throw new IllegalArgumentException("alert-required-fields: '" + f + "' is not mapped to a column");
            }
        }
        strict(datePattern); // fails early on a bad pattern
    }

    /** A layout whose optional fields are all optional. */
    public AlertCsvLayout(List<String> alertId, String nhsNumber, String type, Map<String, String> typeValues,
                          String start, String end, String review, String teamName, String teamPhone,
                          String deleted, Charset encoding, String datePattern, ZoneId zone) {
        this(alertId, nhsNumber, type, typeValues, start, end, review, teamName, teamPhone, deleted, encoding,
                datePattern, zone, Set.of());
    }

    /** The same layout with {@code fields} (of {@link #OPTIONAL_FIELDS}) required. */
    public AlertCsvLayout withRequiredFields(Set<String> fields) {
        return new AlertCsvLayout(alertId, nhsNumber, type, typeValues, start, end, review, teamName, teamPhone,
                deleted, encoding, datePattern, zone, fields);
    }

    /** The parser of the layout's dates: strict, so an impossible date fails instead of moving to a near one. */
    public DateTimeFormatter dates() {
        return strict(datePattern);
    }

    private static DateTimeFormatter strict(String pattern) {
        // why: STRICT needs the era for a year-of-era pattern ("yyyy"); defaulting it to CE keeps "yyyy" usable
        return new DateTimeFormatterBuilder().appendPattern(pattern).parseDefaulting(ChronoField.ERA, 1)
                .toFormatter(Locale.ROOT).withChronology(IsoChronology.INSTANCE).withResolverStyle(ResolverStyle.STRICT);
    }

    /** The column mapping of an optional field ({@link #OPTIONAL_FIELDS}). */
    public String mapping(String field) {
        return switch (field) {
            case "end" -> end;
            case "review" -> review;
            case "team-name" -> teamName;
            case "team-phone" -> teamPhone;
            case "deleted" -> deleted;
            default -> throw new IllegalArgumentException("not an optional field: " + field);
        };
    }

    /** True when the layout requires a value for {@code field} in every row. */
    public boolean requires(String field) {
        return requiredFields.contains(field);
    }

    /** The header columns the file must have (constants and unmapped optional fields excluded). */
    public List<String> requiredColumns() {
        java.util.List<String> out = new java.util.ArrayList<>(alertId);
        for (String c : new String[] {nhsNumber, type, start}) {
            column(c).ifPresent(out::add);
        }
        for (String f : OPTIONAL_FIELDS) {
            if (requires(f)) {
                column(mapping(f)).ifPresent(out::add);
            }
        }
        return out;
    }

    /** The optional columns that are mapped; they may be absent from the header. */
    public List<String> optionalColumns() {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (String f : OPTIONAL_FIELDS) {
            if (!requires(f)) {
                column(mapping(f)).ifPresent(out::add);
            }
        }
        return out;
    }

    /** A mapping that names a column (empty for a constant or an unmapped field). */
    public static Optional<String> column(String mapping) {
        return mapping == null || mapping.isBlank() || mapping.startsWith("=") ? Optional.empty() : Optional.of(mapping);
    }
}
