package org.seamless.mappings.d2a;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.mappings.testdata.TestNhsNumbers;
import org.seamless.mappings.message.InboundMessageCheck;
import org.seamless.mappings.vcs.VcsViews;

/**
 * The home care suspend/resume message and the provider's JSON form (ADR 0063): the person, package,
 * from-when and ward phone arrive; nothing clinical, no other address line, no stay detail, whatever the
 * trust event held (a property over thousands of generated stays).
 */
class HomeCareMessagesTest {
    static final HomeCarePackage PKG = new HomeCarePackage("demo-la-csv", "PKG-77", "demo-homecare");

    @Test
    void anAdmissionSuspendsFromTheAdmissionTime() {
        D2aStay admission = TestD2a.admission(1, TestNhsNumbers.FIXED, "DEMO1", "LS1 4AP");
        HomeCareNotice n = HomeCareNotice.suspend(admission, PKG);
        Bundle b = HomeCareMessages.build(n);
        assertThat(InboundMessageCheck.check(b)).isEmpty();
        assertThat(MessageBundles.event(b)).contains(SeamlessEvent.HOME_CARE_SUSPEND);
        assertThat(n.messageId()).isEqualTo(HomeCareNotice.messageId(admission.messageId(), "demo-homecare",
                SeamlessEvent.HOME_CARE_SUSPEND)).isNotEqualTo(admission.messageId());
        ObjectNode v = VcsViews.view(b).orElseThrow();
        assertThat(v.get("type").asText()).isEqualTo("home-care-suspend");
        assertThat(v.get("visits").asText()).isEqualTo("suspend");
        assertThat(v.get("packageId").asText()).isEqualTo("PKG-77");
        assertThat(v.get("council").asText()).isEqualTo("demo-la-csv");
        assertThat(v.get("fromDate").asText()).isEqualTo("2026-03-02T08:15:00Z");
        assertThat(v.get("wardPhone").asText()).isEqualTo("0113 496 0999");
        assertThat(v.at("/person/nhsNumber").asText()).isEqualTo(TestNhsNumbers.FIXED);
        assertThat(v.at("/person/familyName").asText()).isEqualTo("Testperson");
        assertThat(v.at("/person/birthDate").asText()).isEqualTo("1941-05-17");
        assertThat(v.at("/person/address/line1").asText()).isEqualTo("12 Example Road");
        assertThat(v.at("/person/address/postcode").asText()).isEqualTo("LS1 4AP");
        // same notice, same bytes: a redelivered admission derives the same message
        assertThat(HomeCareMessages.buildJson(HomeCareNotice.suspend(admission, PKG)))
                .isEqualTo(HomeCareMessages.buildJson(n));
    }

    @Test
    void aDischargeHomeResumesAndADischargeElsewhereKeepsVisitsSuspended() {
        List<D2aStay> stay = TestD2a.sequence(2, D2aCodes.Pathway.P1, TestNhsNumbers.FIXED, "DEMO1", "LS1 4AP");
        D2aStay home = stay.get(stay.size() - 1);
        assertThat(home.dischargeDestination()).isEqualTo("19");
        ObjectNode resume = VcsViews.view(HomeCareMessages.build(HomeCareNotice.resume(home, PKG))).orElseThrow();
        assertThat(resume.get("type").asText()).isEqualTo("home-care-resume");
        assertThat(resume.get("visits").asText()).isEqualTo("resume");
        assertThat(resume.get("fromDate").asText()).isEqualTo("2026-03-10");

        D2aStay.Builder b = home.toBuilder();
        b.dischargeDestination = "54";
        ObjectNode elsewhere = VcsViews.view(HomeCareMessages.build(HomeCareNotice.resume(b.build(), PKG)))
                .orElseThrow();
        assertThat(elsewhere.get("visits").asText()).isEqualTo("stay-suspended");
        assertThat(elsewhere.get("note").asText()).isEqualTo("Visits stay suspended; contact the council");
        assertThat(elsewhere.toString()).doesNotContain("\"54\"");
    }

    @Test
    void theDischargeDateIsTheDateInEngland() {
        D2aStay.Builder b = TestD2a.sequence(3, D2aCodes.Pathway.P0, TestNhsNumbers.FIXED, "DEMO1", "LS1 4AP")
                .get(6).toBuilder();
        b.dischargedAt = OffsetDateTime.of(2026, 6, 10, 23, 30, 0, 0, ZoneOffset.UTC); // 00:30 on the 11th, BST
        assertThat(HomeCareNotice.resume(b.build(), PKG).from()).isEqualTo("2026-06-11");
    }

    @Test
    void aStayInHospitalSuspendsAndOnlyADischargeResumes() {
        List<D2aStay> stay = TestD2a.sequence(4, D2aCodes.Pathway.P1, TestNhsNumbers.FIXED, "DEMO1", "LS1 4AP");
        // a package recorded mid-stay: suspended from the admission time, whichever event of the stay it answers
        assertThat(HomeCareNotice.suspend(stay.get(1), PKG).from()).isEqualTo("2026-03-02T08:15:00Z");
        assertThatThrownBy(() -> HomeCareNotice.suspend(stay.get(stay.size() - 1), PKG))
                .hasMessageContaining("in hospital");
        assertThatThrownBy(() -> HomeCareNotice.suspend(TestD2a.cancellation(stay.get(1), 4), PKG))
                .hasMessageContaining("d2a-cancelled");
        assertThatThrownBy(() -> HomeCareNotice.resume(stay.get(0), PKG)).hasMessageContaining("d2a-discharged");
    }

    @Test
    void onlyAHomeCarePackageWithARegisteredProviderIsRecorded() {
        D2aStay admission = TestD2a.admission(5, TestNhsNumbers.FIXED, "DEMO1", "LS1 4AP");
        D2aAnswer inPlace = TestD2a.answer(SeamlessEvent.D2A_CARE_IN_PLACE, admission, "demo-la-csv", 5);
        assertThat(HomeCarePackage.of(inPlace, "demo-la-csv"))
                .contains(new HomeCarePackage("demo-la-csv", "PKG-5", "demo-homecare"));
        D2aAnswer arranged = TestD2a.answer(SeamlessEvent.D2A_CARE_ARRANGED, admission, "demo-la-csv", 5);
        assertThat(HomeCarePackage.of(arranged, "demo-la-csv")).isEmpty();
        D2aAnswer reablement = withType(inPlace, D2aCodes.PackageType.REABLEMENT, inPlace.providerAgencyId());
        assertThat(HomeCarePackage.of(reablement, "demo-la-csv")).isEmpty();
        D2aAnswer cqcOnly = withType(inPlace, D2aCodes.PackageType.HOME_CARE, null);
        assertThat(HomeCarePackage.of(cqcOnly, "demo-la-csv")).isEmpty();

        Bundle active = D2aMessages.build(inPlace);
        assertThat(HomeCarePackage.ended(active)).isFalse();
        MessageBundles.first(active, org.hl7.fhir.r4.model.EpisodeOfCare.class).orElseThrow()
                .setStatus(org.hl7.fhir.r4.model.EpisodeOfCare.EpisodeOfCareStatus.FINISHED);
        assertThat(HomeCarePackage.ended(active)).isTrue();
    }

    /**
     * Whatever a trust event holds, the suspend and resume messages and the provider's JSON carry the
     * person, package and ward phone, and none of: the other address lines, city, phone, gender, UPRN,
     * ward, spell, referral, pathway, needs, carer, dates of the stay, delay reason or note, destination,
     * cancellation reason, hospital contact name.
     */
    @Property(tries = 1000)
    void nothingClinicalOrBeyondWhatTheProviderNeedsIsInTheMessage(@ForAll long anySeed) {
        Random r = new Random(anySeed);
        long seed = Math.floorMod(anySeed, 1_000_000L);
        String nhs = TestNhsNumbers.random(r).value();
        D2aStay.Builder b = TestD2a.admission(seed, nhs, "DEMO1", "LS" + (1 + r.nextInt(9)) + " 1AA").toBuilder();
        b.givenName = "G" + token(r);
        b.familyName = "F" + token(r);
        b.addressLines = List.of("L1" + token(r), "L2" + token(r), "L3" + token(r));
        b.city = "C" + token(r);
        b.uprn = "U" + token(r);
        b.phone = "P" + token(r);
        b.ward = "W" + token(r);
        b.spellId = "S" + token(r);
        b.contactName = "K" + token(r);
        b.contactPhone = "0113 " + (100_000 + r.nextInt(900_000));
        D2aStay admission = b.build();
        b = admission.toBuilder().next(TestD2a.id(seed, "discharged"), SeamlessEvent.D2A_DISCHARGED,
                admission.sentAt().plusSeconds(86_400));
        b.referralId = "R" + token(r);
        b.pathway = D2aCodes.Pathway.values()[r.nextInt(4)];
        b.needsSummary = "N" + token(r);
        b.unpaidCarerInvolved = r.nextBoolean();
        b.predictedDischargeDate = LocalDate.of(2027, 1, 1).plusDays(r.nextInt(300));
        b.dischargeReadyDate = LocalDate.of(2027, 1, 1).plusDays(r.nextInt(300));
        b.delayReason = D2aCodes.DelayReason.values()[r.nextInt(D2aCodes.DelayReason.values().length)];
        b.delayNote = "D" + token(r);
        b.dischargedAt = OffsetDateTime.of(2026, 3, 10, 14, 30, 0, 0, ZoneOffset.UTC);
        b.dischargeDestination = List.of("19", "29", "54", "65", "79", "87").get(r.nextInt(6));
        D2aStay discharged = b.build();

        List<String> absent = new ArrayList<>(List.of(admission.addressLines().get(1), admission.addressLines().get(2),
                admission.city(), admission.uprn(), admission.phone(), admission.ward(), admission.spellId(),
                admission.contactName(), discharged.referralId(), discharged.needsSummary(), discharged.delayNote(),
                discharged.predictedDischargeDate().toString(), discharged.dischargeReadyDate().toString(),
                D2aCodes.PATHWAY_SYSTEM, D2aCodes.DELAY_REASON_SYSTEM, D2aCodes.DISCHARGE_DESTINATION_SYSTEM,
                D2aCodes.DISCHARGE_READY_DATE, discharged.delayReason().code(), "gender", "female", "Encounter",
                "ServiceRequest", D2aMessages.UNPAID_CARER, D2aFields.ADDRESS_KEY));
        for (HomeCareNotice n : List.of(HomeCareNotice.suspend(admission, PKG), HomeCareNotice.resume(discharged, PKG))) {
            String json = HomeCareMessages.buildJson(n);
            String view = VcsViews.json(MessageBundles.parse(json)).orElseThrow();
            for (String text : List.of(json, view)) {
                assertThat(text).contains(nhs, admission.familyName(), admission.givenName(),
                        admission.addressLines().get(0), admission.postcode(), "PKG-77", admission.contactPhone(),
                        admission.birthDate().toString());
                for (String value : absent) {
                    assertThat(text).as("%s in a %s", value, n.event().code()).doesNotContain(value);
                }
            }
            assertThat(json).doesNotContain("\"" + discharged.dischargeDestination() + "\"");
        }
    }

    private static String token(Random r) {
        byte[] b = new byte[8];
        r.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static D2aAnswer withType(D2aAnswer a, D2aCodes.PackageType type, String provider) {
        return new D2aAnswer(a.messageId(), a.event(), a.sentAt(), a.councilAgencyId(), a.inReplyTo(), a.nhsNumber(),
                a.hospitalOdsCode(), a.spellId(), a.referralId(), a.outcome(), a.confirmedPathway(), a.note(),
                a.packageId(), type, provider, a.providerCqcLocationId(), a.providerName(), a.providerPhone(),
                a.careStartDate(), a.contactName(), a.contactPhone());
    }
}
