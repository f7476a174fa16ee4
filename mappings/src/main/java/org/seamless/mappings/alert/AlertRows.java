package org.seamless.mappings.alert;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.seamless.mappings.canonical.InvalidNhsNumberException;
import org.seamless.mappings.canonical.NhsNumber;

/**
 * Turns one extract row into a {@link SocialCareAlert} by the agency's layout, or throws
 * {@link AlertRowException} with a code and a reason naming the column (never the value).
 */
public final class AlertRows {
    static final Pattern ALERT_ID = Pattern.compile("[A-Za-z0-9._/-]{1,64}");
    static final Pattern PHONE = Pattern.compile("\\+?[0-9 ()-]{6,24}");
    static final int MAX_TEAM = 120;

    private AlertRows() {
    }

    /** The alert of a row; the LA's identity comes from the registry, never from the file. */
    public static SocialCareAlert toAlert(AlertCsvReader.Row row, AlertCsvLayout layout, String laAgencyId,
                                          String laOdsCode, String laName) {
        return toAlert(row, layout, laAgencyId, laOdsCode, laName, null);
    }

    /**
     * The alert of a row whose NHS number was settled outside it ({@code resolved}: traced or replaced by PDS,
     * ADR 0079); null reads the row's own number.
     */
    public static SocialCareAlert toAlert(AlertCsvReader.Row row, AlertCsvLayout layout, String laAgencyId,
                                          String laOdsCode, String laName, NhsNumber resolved) {
        if (!row.complete()) {
            throw new AlertRowException("wrong-column-count", "row does not have the header's number of columns");
        }
        StringBuilder id = new StringBuilder();
        for (String c : layout.alertId()) {
            String part = required(row, c);
            id.append(id.length() == 0 ? "" : "-").append(part.replace('/', '-'));
        }
        if (!ALERT_ID.matcher(id).matches()) {
            throw new AlertRowException("invalid-alert-id", "alert id (" + String.join("+", layout.alertId())
                    + ") must be 1-64 letters, digits, '.', '_', '-' or '/'");
        }
        NhsNumber nhs = resolved;
        try {
            if (nhs == null) {
                nhs = NhsNumber.parse(required(row, layout.nhsNumber()).replace(" ", ""));
            }
        } catch (InvalidNhsNumberException e) {
            throw new AlertRowException("invalid-nhs-number", e.getMessage() + " (column " + layout.nhsNumber() + ")");
        }
        String rawType = value(row, layout.type());
        if (rawType == null || rawType.isBlank()) {
            throw new AlertRowException("missing-value", "column " + layout.type() + " is empty");
        }
        String mapped = layout.typeValues().getOrDefault(rawType.strip(), rawType.strip());
        AlertType type = AlertType.fromCode(mapped).orElseThrow(() -> new AlertRowException("unknown-alert-type",
                "column " + layout.type() + " is not a known alert type"));
        LocalDate start = date(row, layout, layout.start(), true);
        LocalDate end = date(row, layout, layout.end(), layout.requires("end"));
        if (end != null && end.isBefore(start)) {
            throw new AlertRowException("end-before-start", "column " + layout.end() + " is before column " + layout.start());
        }
        LocalDate review = date(row, layout, layout.review(), layout.requires("review"));
        String team = optional(row, layout, "team-name");
        if (team != null && team.length() > MAX_TEAM) {
            throw new AlertRowException("too-long", "column " + layout.teamName() + " is longer than " + MAX_TEAM);
        }
        String phone = optional(row, layout, "team-phone");
        if (phone != null && !PHONE.matcher(phone).matches()) {
            throw new AlertRowException("invalid-phone", "column " + layout.teamPhone() + " is not a telephone number");
        }
        if (layout.requires("deleted")) {
            required(row, layout.deleted());
        }
        return new SocialCareAlert(laAgencyId, laOdsCode, laName, id.toString(), nhs, type, start, end, review,
                flag(row, layout.deleted()), team, phone);
    }

    /** True when the row's NHS number column is empty (a row PDS may trace). */
    public static boolean lacksNhsNumber(AlertCsvReader.Row row, AlertCsvLayout layout) {
        String v = value(row, layout.nhsNumber());
        return v == null || v.isBlank();
    }

    /** An optional field's value, stripped; null when empty (absent), unless the layout requires it. */
    private static String optional(AlertCsvReader.Row row, AlertCsvLayout layout, String field) {
        String mapping = layout.mapping(field);
        return layout.requires(field) ? required(row, mapping) : blankToNull(value(row, mapping));
    }

    private static boolean flag(AlertCsvReader.Row row, String mapping) {
        String v = value(row, mapping);
        if (v == null || v.isBlank()) {
            return false;
        }
        return switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "y", "yes", "true", "1", "d" -> true;
            case "n", "no", "false", "0" -> false;
            default -> throw new AlertRowException("invalid-flag", "column " + mapping + " must be Y or N");
        };
    }

    private static LocalDate date(AlertCsvReader.Row row, AlertCsvLayout layout, String mapping, boolean required) {
        String v = required ? required(row, mapping) : value(row, mapping);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(v.strip(), layout.dates());
        } catch (DateTimeParseException e) {
            throw new AlertRowException("invalid-date", "column " + mapping + " is not a date in the form "
                    + layout.datePattern());
        }
    }

    private static String required(AlertCsvReader.Row row, String mapping) {
        String v = value(row, mapping);
        if (v == null || v.isBlank()) {
            throw new AlertRowException("missing-value", "column " + mapping + " is empty");
        }
        return v.strip();
    }

    private static String value(AlertCsvReader.Row row, String mapping) {
        if (mapping == null || mapping.isBlank()) {
            return null;
        }
        return mapping.startsWith("=") ? mapping.substring(1) : row.get(mapping);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
