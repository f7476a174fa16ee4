package org.seamless.mappings.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.seamless.mappings.alert.AlertMessages;
import org.seamless.mappings.alert.AlertType;
import org.seamless.mappings.alert.SocialCareAlert;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.testdata.TestNhsNumbers;
import org.seamless.mappings.testdata.TestNotices;

/** Each plausibility rule, on the message kinds that carry its field: refused with its code and field, never the value. */
class PlausibilityTest {
    static final LocalDate TODAY = LocalDate.of(2026, 11, 21);

    static Stream<Arguments> implausible() {
        return Stream.of(
                notice("born in 2091", p -> p.setBirthDateElement(new DateType("2091-04-01")),
                        "birth-date-in-future", Plausibility.BIRTH_DATE),
                notice("born tomorrow", p -> p.setBirthDateElement(new DateType(TODAY.plusDays(1).toString())),
                        "birth-date-in-future", Plausibility.BIRTH_DATE),
                notice("born in a later year (year only)", p -> p.setBirthDateElement(new DateType("2027")),
                        "birth-date-in-future", Plausibility.BIRTH_DATE),
                notice("died before birth", p -> {
                    p.setBirthDateElement(new DateType("1950-04-01"));
                    p.setDeceased(new DateTimeType("1949-12-31"));
                }, "death-before-birth", Plausibility.DECEASED),
                notice("126 years old", p -> p.setBirthDateElement(new DateType(TODAY.minusYears(126).toString())),
                        "age-over-125", Plausibility.BIRTH_DATE),
                notice("died aged 130", p -> {
                    p.setBirthDateElement(new DateType("1800-01-01"));
                    p.setDeceased(new DateTimeType("1930-01-01"));
                }, "age-over-125", Plausibility.BIRTH_DATE),
                encounter("discharged the day before admission", e -> e.getPeriod()
                        .setEndElement(new DateTimeType(new java.util.Date(e.getPeriod().getStart().getTime()
                                - 86_400_000L))), "discharge-before-admission", Plausibility.DISCHARGE),
                encounter("discharged a minute before admission", e -> e.getPeriod()
                        .setEndElement(new DateTimeType(new java.util.Date(e.getPeriod().getStart().getTime()
                                - 60_000L))), "discharge-before-admission", Plausibility.DISCHARGE),
                encounter("planned discharge before admission", e -> e.getExtensionByUrl(FhirUrls.PLANNED_DISCHARGE_DATE)
                        .setValue(new DateType("2025-01-01")), "discharge-before-admission",
                        Plausibility.PLANNED_DISCHARGE),
                Arguments.of("review before start", alert(LocalDate.of(2026, 5, 1), LocalDate.of(2026, 4, 30)),
                        "review-before-start", Plausibility.REVIEW_DATE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implausible")
    void anImplausibleValueIsRefusedWithItsRuleAndField(String name, Bundle message, String code, String field) {
        String before = MessageBundles.toJson(message);
        var e = catchThrowableOfType(() -> Plausibility.check(message, TODAY),
                Plausibility.ImplausibleValueException.class);
        assertThat(e).as(name).isNotNull();
        assertThat(e.code()).isEqualTo(code);
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.getMessage()).contains(field).doesNotContainPattern("\\d{4}-\\d{2}");
        assertThat(Plausibility.Rule.ofCode(code)).contains(e.rule());
        assertThat(MessageBundles.toJson(message)).isEqualTo(before);
    }

    @Test
    void plausibleValuesPass() {
        assertThatCode(() -> Plausibility.check(TestNotices.discharge(1).bundle(), TODAY)).doesNotThrowAnyException();
        for (String born : new String[] {TODAY.toString(), TODAY.minusYears(125).plusDays(1).toString(),
                TODAY.minusYears(125).toString(), "2026", "2026-11", String.valueOf(TODAY.minusYears(126).getYear() + 1)}) {
            Bundle b = TestNotices.discharge(2).bundle();
            MessageBundles.patient(b).orElseThrow().setBirthDateElement(new DateType(born));
            assertThatCode(() -> Plausibility.check(b, TODAY)).as(born).doesNotThrowAnyException();
        }
        Bundle sameDay = TestNotices.discharge(3).bundle();
        Encounter e = MessageBundles.encounters(sameDay).get(0);
        e.getExtensionByUrl(FhirUrls.PLANNED_DISCHARGE_DATE).setValue(new DateType(
                e.getPeriod().getStartElement().getValueAsString().substring(0, 10)));
        e.getPeriod().setEndElement(new DateTimeType(new java.util.Date(e.getPeriod().getStart().getTime() + 60_000L)));
        assertThatCode(() -> Plausibility.check(sameDay, TODAY)).doesNotThrowAnyException();
        assertThatCode(() -> Plausibility.check(alert(LocalDate.of(2026, 5, 1), LocalDate.of(2026, 5, 1)), TODAY))
                .doesNotThrowAnyException();
        Bundle died = TestNotices.discharge(4).bundle();
        Patient p = MessageBundles.patient(died).orElseThrow();
        p.setBirthDateElement(new DateType("1950-04-01"));
        p.setDeceased(new DateTimeType("1950-04-01"));
        assertThatCode(() -> Plausibility.check(died, TODAY)).doesNotThrowAnyException();
    }

    private static Arguments notice(String name, Consumer<Patient> change, String code, String field) {
        Bundle b = TestNotices.discharge(7).bundle();
        change.accept(MessageBundles.patient(b).orElseThrow());
        return Arguments.of(name, b, code, field);
    }

    private static Arguments encounter(String name, Consumer<Encounter> change, String code, String field) {
        Bundle b = TestNotices.discharge(8).bundle();
        change.accept(MessageBundles.encounters(b).get(0));
        return Arguments.of(name, b, code, field);
    }

    static Bundle alert(LocalDate start, LocalDate review) {
        SocialCareAlert a = new SocialCareAlert("demo-la-csv", "DEMOLA", "Demo council", "CP-1",
                NhsNumber.parse(TestNhsNumbers.FIXED), AlertType.CHILD_PROTECTION_PLAN, start, null, review, false,
                null, null);
        Bundle b = AlertMessages.message(a, SeamlessEvent.ALERT_UPDATE, "6f1c2a8e-0d7b-4a53-9d3e-2c1b7a9e4f10",
                Instant.parse("2026-11-21T10:00:00Z"), TODAY);
        assertThat(MessageBundles.all(b, Flag.class)).hasSize(1);
        return b;
    }
}
