package org.seamless.mappings.alert;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Flag;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.mappings.testdata.TestNhsNumbers;
import org.seamless.mappings.validation.UkCoreValidation;

/**
 * Every Flag Seamless emits (the stand-alone Flag pushed to a trust and returned by a pull, and the
 * Flag inside the canonical message) validates against UK Core Flag with the HAPI validator and the
 * project's support chain, over generated alerts of every type, with and without end, review,
 * deletion and contact.
 */
class AlertFlagConformanceTest {
    static final LocalDate TODAY = LocalDate.of(2025, 6, 1);

    @Property(tries = 200)
    void everyEmittedFlagConformsToUkCore(@ForAll("alerts") SocialCareAlert alert) {
        SeamlessEvent event = AlertMessages.eventFor(alert, true, TODAY);
        Bundle message = AlertMessages.message(alert, event, UUID.randomUUID().toString(), Instant.now(), TODAY);
        Flag standalone = AlertFlags.standalone(MessageBundles.parse(MessageBundles.toJson(message)));

        assertThat(errors(standalone)).as("stand-alone Flag").isEmpty();
        assertThat(errors(message)).as("canonical message").isEmpty();
        assertThat(standalone.getMeta().hasProfile(AlertMessages.UKCORE_FLAG)).isTrue();
        assertThat(standalone.getSubject().getIdentifier().getValue()).isEqualTo(alert.nhsNumber().value());
        assertThat(standalone.getStatus()).isEqualTo(alert.activeOn(TODAY) ? Flag.FlagStatus.ACTIVE : Flag.FlagStatus.INACTIVE);
        assertThat(standalone.getPeriod().hasEnd()).isEqualTo(alert.end() != null || alert.deleted());
    }

    @Property(tries = 200)
    void anAlertSurvivesTheMessageRoundTrip(@ForAll("alerts") SocialCareAlert alert) {
        Bundle message = AlertMessages.message(alert, SeamlessEvent.ALERT_START, UUID.randomUUID().toString(),
                Instant.now(), TODAY);
        SocialCareAlert back = AlertMessages.alert(MessageBundles.parse(MessageBundles.toJson(message)), alert.laAgencyId());
        LocalDate expectedEnd = alert.effectiveEnd(TODAY).orElse(null);
        assertThat(back).isEqualTo(new SocialCareAlert(alert.laAgencyId(), alert.laOdsCode(), alert.laName(),
                alert.alertId(), alert.nhsNumber(), alert.type(), alert.start(), expectedEnd, alert.review(),
                alert.deleted(), alert.teamName(), alert.teamPhone()));
    }

    @Property(tries = 50)
    void aBrokenFlagIsCaught(@ForAll("alerts") SocialCareAlert alert) {
        Bundle message = AlertMessages.message(alert, SeamlessEvent.ALERT_START, UUID.randomUUID().toString(),
                Instant.now(), TODAY);
        Flag standalone = AlertFlags.standalone(message);
        standalone.setStatus(null); // Flag.status is required
        assertThat(errors(standalone)).isNotEmpty();
    }

    @Provide
    Arbitrary<SocialCareAlert> alerts() {
        Arbitrary<Long> seeds = Arbitraries.longs();
        Arbitrary<AlertType> types = Arbitraries.of(AlertType.class);
        Arbitrary<Integer> startDays = Arbitraries.integers().between(-3000, 30);
        Arbitrary<Integer> endDays = Arbitraries.integers().between(-400, 800).injectNull(0.5);
        Arbitrary<Integer> reviewDays = Arbitraries.integers().between(-100, 400).injectNull(0.5);
        Arbitrary<Boolean> deleted = Arbitraries.of(true, false, false, false);
        Arbitrary<String> teams = Arbitraries.of("Children's Services North", "Fostering Team", "Adult Safeguarding Hub")
                .injectNull(0.3);
        Arbitrary<String> phones = Arbitraries.of("0113 496 0000", "+44 113 496 0999", "01632 960123").injectNull(0.3);
        return Combinators.combine(seeds, types, startDays, endDays, reviewDays, deleted, teams, phones)
                .as((seed, type, s, e, r, del, team, phone) -> {
                    LocalDate start = TODAY.plusDays(s);
                    LocalDate end = e == null ? null : start.plusDays(Math.abs(e));
                    return new SocialCareAlert("demo-la-csv", "DEMO2", "Demo City Council", "A" + Math.abs(seed % 100000),
                            TestNhsNumbers.random(new Random(seed)), type, start, end,
                            r == null ? null : TODAY.plusDays(r), del, team, phone);
                });
    }

    private static List<SingleValidationMessage> errors(org.hl7.fhir.instance.model.api.IBaseResource r) {
        return UkCoreValidation.validate(r).getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .toList();
    }
}
