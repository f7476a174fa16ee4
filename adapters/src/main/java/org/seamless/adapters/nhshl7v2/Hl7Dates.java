package org.seamless.adapters.nhshl7v2;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HL7 v2 dates and timestamps ({@code DT}, {@code TS}/{@code DTM}:
 * {@code YYYY[MM[DD[HH[MM[SS[.S...]]]]]][+/-ZZZZ]}); a time without an offset is local time in England.
 * A value that is not one of these is an {@link IllegalArgumentException} (the caller names the field).
 */
final class Hl7Dates {
    static final ZoneId ENGLAND = ZoneId.of("Europe/London");
    private static final Pattern TS = Pattern.compile(
            "(\\d{4})(\\d{2})?(\\d{2})?(\\d{2})?(\\d{2})?(\\d{2})?(?:\\.(\\d{1,4}))?([+-]\\d{4})?");

    private Hl7Dates() {
    }

    /** The timestamp, or null when empty; precision below a day fills with the start of the period. */
    static OffsetDateTime timestamp(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Matcher m = TS.matcher(value.strip());
        if (!m.matches() || m.group(3) == null) {
            throw new IllegalArgumentException("not an HL7 timestamp to the day at least");
        }
        try {
            LocalDateTime local = LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), num(m.group(4)), num(m.group(5)), num(m.group(6)));
            if (m.group(8) != null) {
                String z = m.group(8);
                int sign = z.charAt(0) == '-' ? -1 : 1;
                ZoneOffset offset = ZoneOffset.ofHoursMinutes(sign * Integer.parseInt(z.substring(1, 3)),
                        sign * Integer.parseInt(z.substring(3, 5)));
                return local.atOffset(offset);
            }
            return local.atZone(ENGLAND).toOffsetDateTime();
        } catch (DateTimeException | NumberFormatException e) {
            throw new IllegalArgumentException("not a calendar date or time");
        }
    }

    /** The date part of a DT or TS value, or null when empty. */
    static LocalDate date(String value) {
        OffsetDateTime t = timestamp(value);
        return t == null ? null : t.toLocalDate();
    }

    private static int num(String group) {
        return group == null ? 0 : Integer.parseInt(group);
    }
}
