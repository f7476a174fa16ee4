package org.seamless.mappings.testdata;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.mappings.message.NoticeDetails;
import org.seamless.mappings.message.NoticeMessages;

/** Ready-made Care Act notice messages for tests in every module, reproducible from a seed. */
public final class TestNotices {
    /** ODS code used for the test hospital (a made-up trust code). */
    public static final String HOSPITAL_ODS = "DEMO1";

    private TestNotices() {
    }

    /** A notice: its details, the canonical bundle and that bundle as JSON. */
    public record Notice(NoticeDetails details, Bundle bundle, String json) {
        public String messageId() {
            return details.messageId();
        }

        @Override
        public String toString() {
            return "Notice[" + details + "]";
        }
    }

    public static Notice admission(long seed) {
        return notice(SeamlessEvent.ADMISSION_NOTICE, seed);
    }

    public static Notice assessment(long seed) {
        return notice(SeamlessEvent.ASSESSMENT_NOTICE, seed);
    }

    public static Notice discharge(long seed) {
        return notice(SeamlessEvent.DISCHARGE_NOTICE, seed);
    }

    public static Notice discharge() {
        return discharge(1L);
    }

    /** A discharge notice for a patient living at LS6 1AA, a Leeds postcode (another local authority than the default). */
    public static Notice dischargeInLs6(long seed) {
        NoticeDetails d = details(SeamlessEvent.DISCHARGE_NOTICE, seed);
        return of(new NoticeDetails(d.messageId(), d.event(), d.sentAt(), d.nhsNumber(), d.givenName(),
                d.familyName(), d.birthDate(), d.gender(), d.addressLines(), "Leeds", "LS6 1AA", d.phone(),
                d.encounterId(), d.admittedAt(), d.plannedDischargeDate(), d.hospitalOdsCode(), d.ward(),
                d.contactName(), d.contactPhone()));
    }

    public static Notice withdrawal(long seed) {
        return notice(SeamlessEvent.WITHDRAWAL_NOTICE, seed);
    }

    /** A notice of any notice event; the same seed gives the same person and encounter across events. */
    public static Notice notice(SeamlessEvent event, long seed) {
        return of(details(event, seed));
    }

    /** Builds the bundle and JSON for given details. */
    public static Notice of(NoticeDetails details) {
        Bundle bundle = NoticeMessages.build(details);
        return new Notice(details, bundle, MessageBundles.toJson(bundle));
    }

    /** Details for a notice; the message id is a name-based UUID of (event, seed). */
    public static NoticeDetails details(SeamlessEvent event, long seed) {
        TestPeople.Person p = new TestPeople(seed).next();
        Random random = new Random(seed * 31 + 7);
        OffsetDateTime admitted = OffsetDateTime.of(2025, 3, 1, 9, 30, 0, 0, ZoneOffset.UTC)
                .plusMinutes(random.nextInt(60 * 24 * 30));
        LocalDate planned = admitted.toLocalDate().plusDays(3 + random.nextInt(14));
        Instant sent = admitted.toInstant().plusSeconds(3600L + random.nextInt(3600));
        return new NoticeDetails(messageId(event, seed), event, sent, p.nhsNumber(), p.givenName(), p.familyName(),
                p.birthDate(), p.gender(), p.addressLines(), p.city(), p.postcode(), p.phone(),
                "SPELL-" + (100000 + random.nextInt(900000)), admitted,
                event == SeamlessEvent.ADMISSION_NOTICE ? null : planned,
                HOSPITAL_ODS, "Ward " + (1 + random.nextInt(30)), "Discharge Coordinator",
                String.format("0113 496 0%03d", random.nextInt(1000)));
    }

    /** The message id used for (event, seed). */
    public static String messageId(SeamlessEvent event, long seed) {
        return UUID.nameUUIDFromBytes((event.code() + "/" + seed).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
