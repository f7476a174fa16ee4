package org.seamless.adapters.lacsv;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.seamless.adapters.pds.Demographics;
import org.seamless.adapters.registry.AdapterConfig;
import org.seamless.mappings.alert.AlertCsvLayout;
import org.seamless.mappings.alert.AlertCsvReader;
import org.seamless.mappings.alert.AlertRowException;

/**
 * One LA's PDS tracing settings for its alert extracts (la-csv parameters, ADR 0079).
 *
 * @param enabled                 trace rows without an NHS number (and verify the others) before sending
 * @param verifyNumbers           also read every row's own number in PDS (superseded numbers replaced, unknown held)
 * @param minimumMatchRatePercent an extract whose rows without a number are traced at a lower rate is held whole
 *                                (nothing sent) and an operator alert raised
 * @param family                  the column of the family name (and so on: given, birth date, gender, postcode)
 */
public record TraceSettings(boolean enabled, boolean verifyNumbers, double minimumMatchRatePercent, String family,
                            String given, String birthDate, String gender, String postcode) {
    public static final TraceSettings OFF = new TraceSettings(false, false, 0, "family_name", "given_name",
            "birth_date", "gender", "postcode");
    private static final Set<String> FIELDS = Set.of("family", "given", "birth-date", "gender", "postcode");

    /** From {@code pds-trace}, {@code pds-verify-numbers}, {@code pds-minimum-match-rate-percent}, {@code pds-columns}. */
    public static TraceSettings from(AdapterConfig params) {
        boolean enabled = Boolean.parseBoolean(params.param(LaCsvAdapterType.PDS_TRACE).orElse("false"));
        Map<String, String> cols = AlertCsvSettings.pairs(params.param(LaCsvAdapterType.PDS_COLUMNS).orElse(""));
        for (String k : cols.keySet()) {
            if (!FIELDS.contains(k)) {
                throw new IllegalArgumentException("pds-columns: unknown field '" + k + "'");
            }
        }
        double min = Double.parseDouble(params.param(LaCsvAdapterType.PDS_MINIMUM_MATCH_RATE).orElse("80"));
        if (min < 0 || min > 100) {
            throw new IllegalArgumentException("pds-minimum-match-rate-percent must be from 0 to 100");
        }
        return new TraceSettings(enabled, Boolean.parseBoolean(params.param(LaCsvAdapterType.PDS_VERIFY_NUMBERS)
                .orElse("true")), min, cols.getOrDefault("family", OFF.family), cols.getOrDefault("given", OFF.given),
                cols.getOrDefault("birth-date", OFF.birthDate), cols.getOrDefault("gender", OFF.gender),
                cols.getOrDefault("postcode", OFF.postcode));
    }

    /**
     * The demographics of a row without a number, or {@link AlertRowException} naming the column (never the value):
     * family name and date of birth are PDS's minimum.
     */
    Demographics demographics(AlertCsvReader.Row row, AlertCsvLayout layout) {
        String f = cell(row, family);
        String b = cell(row, birthDate);
        if (f == null || b == null) {
            throw new AlertRowException("missing-demographics", "no NHS number, and column " + (f == null ? family
                    : birthDate) + " is empty: the row cannot be traced");
        }
        LocalDate dob;
        try {
            dob = LocalDate.parse(b, layout.dates());
        } catch (DateTimeParseException e) {
            throw new AlertRowException("invalid-date", "column " + birthDate + " is not a date in the form "
                    + layout.datePattern());
        }
        if (f.length() > 35 || f.startsWith("*")) {
            throw new AlertRowException("invalid-demographics", "column " + family + " is not a family name PDS accepts");
        }
        return new Demographics(f, cell(row, given), dob, gender(cell(row, gender)), cell(row, postcode));
    }

    private String gender(String raw) {
        if (raw == null) {
            return null;
        }
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "m", "male", "1" -> "male";
            case "f", "female", "2" -> "female";
            case "o", "other", "9" -> "other";
            case "u", "unknown", "0" -> "unknown";
            default -> throw new AlertRowException("invalid-demographics", "column " + gender
                    + " is not a gender (male, female, other, unknown)");
        };
    }

    private static String cell(AlertCsvReader.Row row, String column) {
        String v = column == null || column.isBlank() ? null : row.get(column);
        return v == null || v.isBlank() ? null : v.strip();
    }
}
