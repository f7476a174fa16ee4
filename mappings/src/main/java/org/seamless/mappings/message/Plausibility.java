package org.seamless.mappings.message;

import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Optional;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Patient;
import org.seamless.mappings.alert.AlertMessages;
import org.seamless.mappings.canonical.FieldProblemException;

/**
 * The plausibility rules every inbound edge's messages pass at the gate, in one place: a value that
 * is well formed but cannot be true about a person is refused, with a stable code (one problem type
 * per rule, {@code https://seamless.dev/problems/<code>}) and the field at fault; the value itself is
 * never repeated. Dates are compared as calendar days in England ({@link #ZONE}); a partial date
 * (year, or year and month) is refused only when every day it may stand for is implausible.
 */
public final class Plausibility {
    /** The oldest age Seamless accepts; older is taken for a mistyped year. */
    public static final int MAX_AGE_YEARS = 125;
    public static final ZoneId ZONE = ZoneId.of("Europe/London");

    /** The rules, by their codes (and problem type slugs). */
    public enum Rule {
        BIRTH_DATE_IN_FUTURE("birth-date-in-future", "is in the future"),
        DEATH_BEFORE_BIRTH("death-before-birth", "is before the birth date"),
        DISCHARGE_BEFORE_ADMISSION("discharge-before-admission", "is before the admission"),
        AGE_OVER_125("age-over-125", "makes the person older than " + MAX_AGE_YEARS + " years"),
        REVIEW_BEFORE_START("review-before-start", "is before the start date");

        private final String code;
        private final String says;

        Rule(String code, String says) {
            this.code = code;
            this.says = says;
        }

        public String code() {
            return code;
        }

        /** What the rule says about the field, without its value. */
        public String says() {
            return says;
        }

        /** Whether {@code code} is the code of a plausibility rule. */
        public static Optional<Rule> ofCode(String code) {
            for (Rule r : values()) {
                if (r.code.equals(code)) {
                    return Optional.of(r);
                }
            }
            return Optional.empty();
        }
    }

    /** Fields as the gate names them (FHIR paths); an edge may translate them to its own names. */
    public static final String BIRTH_DATE = "Patient.birthDate";
    public static final String DECEASED = "Patient.deceasedDateTime";
    public static final String DISCHARGE = "Encounter.period.end";
    public static final String PLANNED_DISCHARGE = "Encounter.extension('" + FhirUrls.PLANNED_DISCHARGE_DATE + "')";
    public static final String REVIEW_DATE = "Flag.extension('" + AlertMessages.REVIEW_DATE + "')";

    /** A refused value: {@link #code()} is the rule's code, {@link #field()} the field at fault. */
    public static final class ImplausibleValueException extends FieldProblemException {
        private final Rule rule;

        ImplausibleValueException(Rule rule, String field) {
            super(rule.code(), field, field + " " + rule.says() + " (" + rule.code() + ")");
            this.rule = rule;
        }

        public Rule rule() {
            return rule;
        }
    }

    private Plausibility() {
    }

    /**
     * Checks every Patient, Encounter and Flag of the message against the rules.
     *
     * @throws ImplausibleValueException at the first rule broken
     */
    public static void check(Bundle message, LocalDate today) {
        for (Patient p : MessageBundles.all(message, Patient.class)) {
            patient(p, today);
        }
        for (Encounter e : MessageBundles.all(message, Encounter.class)) {
            encounter(e);
        }
        for (Flag f : MessageBundles.all(message, Flag.class)) {
            flag(f);
        }
    }

    /** The rules broken, as a list (empty when the message is plausible); for callers that report. */
    public static List<ImplausibleValueException> problems(Bundle message, LocalDate today) {
        try {
            check(message, today);
            return List.of();
        } catch (ImplausibleValueException e) {
            return List.of(e);
        }
    }

    private static void patient(Patient p, LocalDate today) {
        if (!p.hasBirthDateElement() || p.getBirthDateElement().getValue() == null) {
            return;
        }
        LocalDate bornEarliest = earliest(p.getBirthDateElement());
        LocalDate bornLatest = latest(p.getBirthDateElement());
        if (bornEarliest.isAfter(today)) {
            throw new ImplausibleValueException(Rule.BIRTH_DATE_IN_FUTURE, BIRTH_DATE);
        }
        LocalDate until = today;
        if (p.hasDeceasedDateTimeType() && p.getDeceasedDateTimeType().getValue() != null) {
            LocalDate diedLatest = latest(p.getDeceasedDateTimeType());
            if (diedLatest.isBefore(bornEarliest)) {
                throw new ImplausibleValueException(Rule.DEATH_BEFORE_BIRTH, DECEASED);
            }
            until = earliest(p.getDeceasedDateTimeType());
        }
        if (Period.between(bornLatest, until).getYears() > MAX_AGE_YEARS) {
            throw new ImplausibleValueException(Rule.AGE_OVER_125, BIRTH_DATE);
        }
    }

    private static void encounter(Encounter e) {
        if (!e.hasPeriod() || !e.getPeriod().hasStartElement() || e.getPeriod().getStartElement().getValue() == null) {
            return;
        }
        DateTimeType start = e.getPeriod().getStartElement();
        DateTimeType end = e.getPeriod().getEndElement();
        if (end != null && end.getValue() != null) {
            boolean timed = timed(start) && timed(end);
            if (timed ? end.getValue().before(start.getValue()) : latest(end).isBefore(earliest(start))) {
                throw new ImplausibleValueException(Rule.DISCHARGE_BEFORE_ADMISSION, DISCHARGE);
            }
        }
        Extension planned = e.getExtensionByUrl(FhirUrls.PLANNED_DISCHARGE_DATE);
        if (planned != null && planned.getValue() instanceof BaseDateTimeType d && d.getValue() != null
                && latest(d).isBefore(earliest(start))) {
            throw new ImplausibleValueException(Rule.DISCHARGE_BEFORE_ADMISSION, PLANNED_DISCHARGE);
        }
    }

    private static void flag(Flag f) {
        Extension review = f.getExtensionByUrl(AlertMessages.REVIEW_DATE);
        if (review == null || !(review.getValue() instanceof BaseDateTimeType r) || r.getValue() == null
                || !f.hasPeriod() || !f.getPeriod().hasStartElement() || f.getPeriod().getStartElement().getValue() == null) {
            return;
        }
        if (latest(r).isBefore(earliest(f.getPeriod().getStartElement()))) {
            throw new ImplausibleValueException(Rule.REVIEW_BEFORE_START, REVIEW_DATE);
        }
    }

    private static boolean timed(BaseDateTimeType d) {
        return d.getPrecision().ordinal() > TemporalPrecisionEnum.DAY.ordinal();
    }

    /** The first day a (possibly partial) date or date-time may stand for, in England. */
    static LocalDate earliest(BaseDateTimeType d) {
        return switch (d.getPrecision()) {
            case YEAR -> LocalDate.of(d.getYear(), 1, 1);
            case MONTH -> LocalDate.of(d.getYear(), d.getMonth() + 1, 1);
            case DAY -> LocalDate.of(d.getYear(), d.getMonth() + 1, d.getDay());
            default -> d.getValue().toInstant().atZone(ZONE).toLocalDate();
        };
    }

    /** The last day a (possibly partial) date or date-time may stand for, in England. */
    static LocalDate latest(BaseDateTimeType d) {
        return switch (d.getPrecision()) {
            case YEAR -> LocalDate.of(d.getYear(), 12, 31);
            case MONTH -> LocalDate.of(d.getYear(), d.getMonth() + 1, 1).with(TemporalAdjusters.lastDayOfMonth());
            default -> earliest(d);
        };
    }
}
