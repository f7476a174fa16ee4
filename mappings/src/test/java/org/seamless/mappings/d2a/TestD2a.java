package org.seamless.mappings.d2a;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.canonical.SeamlessEvent;

/** Made-up discharge to assess stays and answers for tests (999-range NHS numbers, fictitious people). */
public final class TestD2a {
    private TestD2a() {
    }

    /** A message id derived from a seed and a step: stable across runs. */
    public static String id(long seed, String step) {
        return UUID.nameUUIDFromBytes(("d2a|" + seed + "|" + step).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString();
    }

    /** The admission of a stay: person, spell, ward, trust. */
    public static D2aStay admission(long seed, String nhsNumber, String hospitalOds, String postcode) {
        D2aStay.Builder b = D2aStay.builder();
        b.messageId = id(seed, "admission");
        b.event = SeamlessEvent.D2A_ADMISSION;
        b.sentAt = Instant.parse("2026-03-02T09:00:00Z").plusSeconds(seed);
        b.nhsNumber = NhsNumber.parse(nhsNumber);
        b.givenName = "Ada";
        b.familyName = "Testperson";
        b.birthDate = LocalDate.of(1941, 5, 17);
        b.gender = AdministrativeGender.FEMALE;
        b.addressLines = List.of("12 Example Road");
        b.city = "Leeds";
        b.postcode = postcode;
        b.uprn = "72" + String.format("%08d", seed % 100_000_000);
        b.phone = "0113 496 0000";
        b.spellId = "SPELL-" + seed;
        b.admittedAt = OffsetDateTime.of(2026, 3, 2, 8, 15, 0, 0, ZoneOffset.UTC);
        b.hospitalOdsCode = hospitalOds;
        b.ward = "Ward 7";
        b.contactName = "Discharge Coordinator";
        b.contactPhone = "0113 496 0999";
        return b.build();
    }

    /**
     * The trust's sequence for one pathway: admission, referral, predicted discharge date, discharge ready
     * date, delay (pathways 1-3), pathway change (pathway 3 starts as 2), ward transfer, ready, discharged.
     */
    public static List<D2aStay> sequence(long seed, D2aCodes.Pathway pathway, String nhsNumber, String hospitalOds,
                                         String postcode) {
        List<D2aStay> out = new ArrayList<>();
        D2aStay current = admission(seed, nhsNumber, hospitalOds, postcode);
        out.add(current);
        Instant at = current.sentAt();
        D2aStay.Builder b = current.toBuilder().next(id(seed, "referral"), SeamlessEvent.D2A_REFERRAL, at.plusSeconds(3600));
        b.referralId = "REF-" + seed;
        b.pathway = pathway == D2aCodes.Pathway.P3 ? D2aCodes.Pathway.P2 : pathway;
        b.needsSummary = "Needs help with washing and dressing; lives alone";
        b.unpaidCarerInvolved = Boolean.TRUE;
        out.add(current = b.build());
        b = current.toBuilder().next(id(seed, "predicted"), SeamlessEvent.D2A_PREDICTED_DISCHARGE_DATE, at.plusSeconds(7200));
        b.predictedDischargeDate = LocalDate.of(2026, 3, 9);
        out.add(current = b.build());
        b = current.toBuilder().next(id(seed, "ready-date"), SeamlessEvent.D2A_DISCHARGE_READY_DATE, at.plusSeconds(86_400));
        b.dischargeReadyDate = LocalDate.of(2026, 3, 8);
        out.add(current = b.build());
        if (pathway == D2aCodes.Pathway.P3) {
            b = current.toBuilder().next(id(seed, "pathway"), SeamlessEvent.D2A_PATHWAY_CHANGED, at.plusSeconds(90_000));
            b.pathway = D2aCodes.Pathway.P3;
            out.add(current = b.build());
        }
        b = current.toBuilder().next(id(seed, "ward"), SeamlessEvent.D2A_WARD_TRANSFER, at.plusSeconds(100_000));
        b.ward = "Ward 12";
        out.add(current = b.build());
        if (pathway != D2aCodes.Pathway.P0) {
            b = current.toBuilder().next(id(seed, "delay"), SeamlessEvent.D2A_DELAY, at.plusSeconds(6 * 86_400));
            b.delayReason = pathway == D2aCodes.Pathway.P1 ? D2aCodes.DelayReason.PATHWAY1_CAPACITY
                    : pathway == D2aCodes.Pathway.P2 ? D2aCodes.DelayReason.PATHWAY2_CAPACITY
                    : D2aCodes.DelayReason.PATHWAY3_CAPACITY;
            b.delayNote = "Provider start date not yet confirmed";
            out.add(current = b.build());
        }
        b = current.toBuilder().next(id(seed, "ready"), SeamlessEvent.D2A_READY_FOR_DISCHARGE, at.plusSeconds(7 * 86_400));
        out.add(current = b.build());
        b = current.toBuilder().next(id(seed, "discharged"), SeamlessEvent.D2A_DISCHARGED, at.plusSeconds(8 * 86_400));
        b.dischargedAt = OffsetDateTime.of(2026, 3, 10, 14, 30, 0, 0, ZoneOffset.UTC);
        b.dischargeDestination = pathway == D2aCodes.Pathway.P3 ? "54" : "19";
        out.add(b.build());
        return out;
    }

    /** A cancellation of the stay's referral. */
    public static D2aStay cancellation(D2aStay referral, long seed) {
        D2aStay.Builder b = referral.toBuilder().next(id(seed, "cancel"), SeamlessEvent.D2A_CANCELLED,
                referral.sentAt().plusSeconds(600));
        b.cancellationReason = "Transferred to another trust";
        return b.build();
    }

    /** A council answer of the given kind to a trust event. */
    public static D2aAnswer answer(SeamlessEvent event, D2aStay to, String councilId, long seed) {
        boolean pkg = event == SeamlessEvent.D2A_CARE_IN_PLACE || event == SeamlessEvent.D2A_CARE_ARRANGED;
        return new D2aAnswer(id(seed, "answer-" + event.code()), event, to.sentAt().plusSeconds(1800), councilId,
                to.messageId(), to.nhsNumber(), to.hospitalOdsCode(), to.spellId(), to.referralId(),
                event == SeamlessEvent.D2A_ASSESSMENT_OUTCOME ? D2aCodes.Outcome.PATHWAY_CONFIRMED : null,
                event == SeamlessEvent.D2A_ASSESSMENT_OUTCOME ? to.pathway() : null,
                event == SeamlessEvent.D2A_ACKNOWLEDGEMENT ? "Allocated to the hospital social work team" : null,
                pkg ? "PKG-" + seed : null, pkg ? D2aCodes.PackageType.HOME_CARE : null,
                pkg ? "demo-homecare" : null, pkg ? "1-000000001" : null, pkg ? "Demo Home Care Ltd" : null,
                pkg ? "0113 496 0555" : null,
                event == SeamlessEvent.D2A_CARE_ARRANGED ? LocalDate.of(2026, 3, 10) : null,
                "Hospital Social Work Team", "0113 496 0444");
    }
}
