package org.seamless.mappings.alert;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.validation.ResultSeverityEnum;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Random;
import java.util.TimeZone;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.hl7.fhir.r4.model.Bundle;
import org.seamless.mappings.canonical.Digests;
import org.seamless.mappings.canonical.NhsNumberVerification;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.mappings.testdata.TestNhsNumbers;
import org.seamless.mappings.validation.UkCoreValidation;

/**
 * The direct writer of alert messages (ADR 0091) gives, character for character, HAPI's encoding of
 * {@link AlertMessages#message} (after {@link NhsNumberVerification#markVerified} when PDS checked the number): the
 * gate digests these bytes, so any difference would turn a re-run of a file after an upgrade into new messages.
 * Generated over every alert type, with and without end, review, deletion, ODS code, name and contact, PDS mark,
 * every event, with odd free text (quotes, backslashes, control characters, newlines, non-ASCII, surrogate pairs,
 * lone surrogates, blank and whitespace-only values) in every free-text field.
 */
class AlertMessageJsonTest {

    /** One generated case: the alert and the message's other inputs. */
    record Case(SocialCareAlert alert, SeamlessEvent event, String messageId, Instant sentAt, LocalDate today,
                boolean verified) {
        @Override
        public String toString() { // why: jqwik reports the failing case; these are test values only
            return "Case[" + alert.laAgencyId() + "|" + alert.laOdsCode() + "|" + alert.laName() + "|" + alert.alertId()
                    + "|" + alert.nhsNumber().value() + "|" + alert.type() + "|" + alert.start() + "|" + alert.end() + "|"
                    + alert.review() + "|" + alert.deleted() + "|" + alert.teamName() + "|" + alert.teamPhone() + "|"
                    + event + "|" + messageId + "|" + sentAt + "|" + today + "|" + verified + "]";
        }
    }

    @Property(tries = 5000)
    void theDirectWriterGivesHapisEncodingByteForByte(@ForAll("cases") Case c) {
        Bundle reference = AlertMessages.message(c.alert(), c.event(), c.messageId(), c.sentAt(), c.today());
        if (c.verified()) {
            NhsNumberVerification.markVerified(reference);
        }
        String hapi = MessageBundles.toJson(reference);

        assertThat(AlertMessageJson.covers(c.alert())).isTrue();
        String direct = AlertMessageJson.write(c.alert(), c.event(), c.messageId(), c.sentAt(), c.today(), c.verified());
        assertThat(direct).isEqualTo(hapi);
        assertThat(direct.getBytes(StandardCharsets.UTF_8)).isEqualTo(hapi.getBytes(StandardCharsets.UTF_8));

        AlertMessages.Encoded encoded = AlertMessages.encoded(c.alert(), c.event(), c.messageId(), c.sentAt(), c.today(),
                c.verified());
        assertThat(encoded.json()).isEqualTo(hapi);
        assertThat(Digests.sha256Hex(encoded.json())).isEqualTo(Digests.sha256Hex(hapi));
        assertThat(MessageBundles.toJson(encoded.message())).as("the message handed to the gate").isEqualTo(hapi);
    }

    @Property(tries = 100)
    void theDirectJsonValidatesAndReadsBack(@ForAll("plainAlerts") SocialCareAlert alert, @ForAll boolean verified) {
        LocalDate today = AlertFlagConformanceTest.TODAY;
        SeamlessEvent event = AlertMessages.eventFor(alert, true, today);
        String json = AlertMessages.encoded(alert, event, UUID.randomUUID().toString(), Instant.now(), today, verified)
                .json();
        Bundle parsed = MessageBundles.parse(json);

        assertThat(UkCoreValidation.validate(parsed).getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL))
                .isEmpty();
        assertThat(AlertMessages.alert(parsed, alert.laAgencyId())).isEqualTo(new SocialCareAlert(alert.laAgencyId(),
                alert.laOdsCode(), alert.laName(), alert.alertId(), alert.nhsNumber(), alert.type(), alert.start(),
                alert.effectiveEnd(today).orElse(null), alert.review(), alert.deleted(), alert.teamName(),
                alert.teamPhone()));
    }

    @Example
    void theTimestampFollowsTheDefaultTimeZoneAsHapiDoes() {
        TimeZone before = TimeZone.getDefault();
        try {
            for (String zone : new String[] {"Europe/London", "America/St_Johns", "UTC", "Asia/Kathmandu"}) {
                TimeZone.setDefault(TimeZone.getTimeZone(zone));
                for (Instant at : new Instant[] {Instant.parse("2026-07-01T23:30:00Z"), Instant.parse("2026-12-06T00:00:00Z"),
                        Instant.parse("2026-03-29T00:59:59.999Z")}) {
                    Case c = new Case(alert("demo-la", AlertType.LOOKED_AFTER_CHILD, null, null), SeamlessEvent.ALERT_START,
                            UUID.randomUUID().toString(), at, LocalDate.of(2026, 7, 1), false);
                    theDirectWriterGivesHapisEncodingByteForByte(c);
                }
            }
        } finally {
            TimeZone.setDefault(before);
        }
    }

    @Example
    void aYearOutsideFourDigitsIsEncodedByHapi() {
        SocialCareAlert a = alert("demo-la", AlertType.CARER, LocalDate.of(999, 12, 31), LocalDate.of(12000, 1, 1));
        assertThat(AlertMessageJson.covers(a)).isFalse();
        try {
            AlertMessages.Encoded e = AlertMessages.encoded(a, SeamlessEvent.ALERT_START, UUID.randomUUID().toString(),
                    Instant.parse("2026-12-06T00:00:00Z"), LocalDate.of(2026, 12, 6), true);
            assertThat(e.json()).isEqualTo(MessageBundles.toJson(e.message()));
        } catch (RuntimeException hapiRefusesTheDate) {
            // why: HAPI may refuse such a date while building the message; the writer is never reached then
            assertThat(hapiRefusesTheDate).isInstanceOf(ca.uhn.fhir.parser.DataFormatException.class);
        }
    }

    private static SocialCareAlert alert(String agency, AlertType type, LocalDate end, LocalDate review) {
        return new SocialCareAlert(agency, "DEMO2", "Demo City Council", "A-1", TestNhsNumbers.random(new Random(1)), type,
                LocalDate.of(2025, 1, 1), end, review, false, "Team", "0113 496 0000");
    }

    @Provide
    Arbitrary<SocialCareAlert> plainAlerts() {
        return new AlertFlagConformanceTest().alerts();
    }

    /** Free text: mostly ordinary, often hostile, sometimes blank or whitespace only. */
    static Arbitrary<String> text() {
        Arbitrary<String> hostile = Arbitraries.strings()
                .withChars("aZ09 -/'\"\\\n\r\t\b\f\u0000\u0001\u001f\u001c\u007f\u0085\u00a0\u2028\u2029\u2003\u3000"
                        + "éßÆ漢字\ud83d\ude00\ud800\udfff<>&{}[]:,")
                .ofMinLength(0).ofMaxLength(24);
        Arbitrary<String> ordinary = Arbitraries.of("Children's Services North", "Fostering Team", "0113 496 0000",
                "+44 113 496 0999", "Demo City Council", "Ynys Môn", "Team \"A\"", "C:\\teams\\north", "line1\nline2");
        Arbitrary<String> blank = Arbitraries.of("", " ", "   ", "\t", "\n", "\r\n", "\u2003", "\u3000", "\u001c",
                "\u00a0", " \u0000 ");
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, ordinary), net.jqwik.api.Tuple.of(6, hostile), net.jqwik.api.Tuple.of(2, blank));
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<String> nullableText = text().injectNull(0.3);
        Arbitrary<String> agency = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.of("demo-la-csv", "bench-la", "demo-la-soap")),
                net.jqwik.api.Tuple.of(1, text()));
        Arbitrary<SocialCareAlert> alerts = Combinators.combine(
                agency, nullableText, nullableText, text(), Arbitraries.longs(), Arbitraries.of(AlertType.class),
                Arbitraries.integers().between(-40_000, 40_000), Arbitraries.integers().between(-800, 4000).injectNull(0.4))
                .as((la, ods, name, alertId, seed, type, startDays, endDays) -> new Object[] {la, ods, name, alertId, seed,
                        type, startDays, endDays})
                .flatMap(p -> Combinators.combine(Arbitraries.integers().between(-800, 4000).injectNull(0.5),
                                Arbitraries.of(true, false, false), nullableText, nullableText)
                        .as((reviewDays, deleted, team, phone) -> {
                            LocalDate start = LocalDate.of(2026, 12, 6).plusDays((Integer) p[6]);
                            LocalDate end = p[7] == null ? null : start.plusDays((Integer) p[7]);
                            LocalDate review = reviewDays == null ? null : start.plusDays(reviewDays);
                            return new SocialCareAlert((String) p[0], (String) p[1], (String) p[2], (String) p[3],
                                    TestNhsNumbers.random(new Random((Long) p[4])), (AlertType) p[5], start, end, review,
                                    deleted, team, phone);
                        }));
        Arbitrary<Instant> sentAt = Arbitraries.longs().between(0, 4_102_444_800_000L).map(Instant::ofEpochMilli);
        Arbitrary<LocalDate> today = Arbitraries.integers().between(-3000, 3000).map(d -> LocalDate.of(2026, 12, 6).plusDays(d));
        return Combinators.combine(alerts, Arbitraries.of(SeamlessEvent.ALERT_START, SeamlessEvent.ALERT_UPDATE,
                        SeamlessEvent.ALERT_END), Arbitraries.longs(), sentAt, today, Arbitraries.of(true, false))
                .as((a, event, id, at, day, verified) -> new Case(a, event, UUID.nameUUIDFromBytes(
                        Long.toString(id).getBytes(StandardCharsets.UTF_8)).toString(), at, day, verified));
    }
}
