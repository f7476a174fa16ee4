package org.seamless.privacy.consent;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.hl7.fhir.r4.model.BaseDateTimeType;

/**
 * FHIR partial dates to instants. A date without a time is read as a day in England
 * (Europe/London), and a period end is inclusive of its whole precision (FHIR Period semantics):
 * an end of {@code 2016-01-01} means up to, not including, 2016-01-02T00:00 London time.
 */
final class FhirDates {
    static final ZoneId LONDON = ZoneId.of("Europe/London");

    private FhirDates() {
    }

    static Instant start(BaseDateTimeType t) {
        return switch (t.getPrecision()) {
            case YEAR, MONTH, DAY -> dateOf(t).atStartOfDay(LONDON).toInstant();
            default -> t.getValue().toInstant();
        };
    }

    static Instant endExclusive(BaseDateTimeType t) {
        TemporalPrecisionEnum p = t.getPrecision();
        return switch (p) {
            case YEAR -> dateOf(t).plusYears(1).atStartOfDay(LONDON).toInstant();
            case MONTH -> dateOf(t).plusMonths(1).atStartOfDay(LONDON).toInstant();
            case DAY -> dateOf(t).plusDays(1).atStartOfDay(LONDON).toInstant();
            case MINUTE -> t.getValue().toInstant().plusSeconds(60);
            case SECOND -> t.getValue().toInstant().plusSeconds(1);
            case MILLI -> t.getValue().toInstant().plusMillis(1);
        };
    }

    private static LocalDate dateOf(BaseDateTimeType t) {
        TemporalPrecisionEnum p = t.getPrecision();
        int month = p == TemporalPrecisionEnum.YEAR ? 1 : t.getMonth() + 1;
        int day = p == TemporalPrecisionEnum.DAY ? t.getDay() : 1;
        return LocalDate.of(t.getYear(), month, day);
    }
}
