package org.seamless.mappings.vcs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.mappings.testdata.TestNhsNumbers;
import org.seamless.mappings.testdata.TestNotices;

/** Plain JSON to FHIR ServiceRequest/Task and back: what goes in comes out under the same names. */
class ReferralMappingTest {
    private static final Instant AT = Instant.parse("2026-11-21T10:00:00Z");
    private static final ReferralMessages.Party TRUST = new ReferralMessages.Party("demo-trust", "DEMO1", "Trust");
    private static final ReferralMessages.Party CHARITY = new ReferralMessages.Party("demo-charity", null, "Charity");
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aReferralRoundTripsThroughFhir() throws Exception {
        ReferralSubmission in = ReferralChecksTest.referral(TestNhsNumbers.FIXED);
        Bundle b = MessageBundles.parse(MessageBundles.toJson(ReferralMessages.referral(in, TRUST, "ref-1", AT)));

        assertThat(MessageBundles.event(b)).contains(SeamlessEvent.REFERRAL);
        assertThat(ReferralMessages.addressee(b)).contains("demo-charity");
        ServiceRequest sr = MessageBundles.first(b, ServiceRequest.class).orElseThrow();
        assertThat(sr.getIdentifierFirstRep().getValue()).isEqualTo("ref-1");

        JsonNode view = VcsViews.view(b).orElseThrow();
        JsonNode expected = json.readTree("""
                {"type": "referral", "referralId": "ref-1", "from": "demo-trust", "to": "demo-charity",
                 "service": "home-from-hospital", "needs": ["shopping", "befriending"], "priority": "urgent",
                 "notes": "Lives alone", "authoredOn": "2026-11-21T10:00:00Z", "identifiable": true,
                 "person": {"nhsNumber": "9990000018", "givenName": "Ann", "familyName": "Testperson",
                   "birthDate": "1940-02-03", "gender": "female", "phone": "01130000000",
                   "address": {"lines": ["1 Test Street"], "city": "Leeds", "postcode": "LS1 4AP"}}}""");
        assertThat(view).isEqualTo(expected);
    }

    @Test
    void aPseudonymisedReferralShowsNoIdentity() throws Exception {
        Bundle b = ReferralMessages.referral(ReferralChecksTest.referral(TestNhsNumbers.FIXED), TRUST, "ref-2", AT);
        var patient = MessageBundles.patient(b).orElseThrow();
        patient.getIdentifier().clear();
        patient.addIdentifier().setSystem(VcsFhir.PSEUDONYM_SYSTEM).setValue("pseudo-1");
        patient.getName().clear();
        patient.getTelecom().clear();
        patient.getAddress().clear();
        patient.addAddress().setPostalCode("LS1");
        patient.setBirthDate(null);
        patient.addExtension(VcsFhir.AGE_BAND_EXTENSION, new org.hl7.fhir.r4.model.Range()
                .setLow(new org.hl7.fhir.r4.model.Quantity(75)).setHigh(new org.hl7.fhir.r4.model.Quantity(84)));

        JsonNode view = VcsViews.view(b).orElseThrow();
        assertThat(view.get("identifiable").asBoolean()).isFalse();
        assertThat(view.get("person")).isEqualTo(json.readTree("""
                {"pseudonym": "pseudo-1", "ageBand": "75-84", "gender": "female", "postcodeDistrict": "LS1"}"""));
        assertThat(view.toString()).doesNotContain(TestNhsNumbers.FIXED).doesNotContain("Testperson");
    }

    @Test
    void anOutcomeRoundTripsThroughFhirTask() throws Exception {
        Bundle referral = ReferralMessages.referral(ReferralChecksTest.referral(TestNhsNumbers.FIXED), TRUST, "ref-3",
                AT);
        Bundle out = MessageBundles.parse(MessageBundles.toJson(OutcomeMessages.outcome(
                new OutcomeSubmission("completed", "support-provided", "Shopping done weekly"), referral, "ref-3",
                CHARITY, "demo-trust", "out-1", AT)));

        assertThat(MessageBundles.event(out)).contains(SeamlessEvent.REFERRAL_OUTCOME);
        assertThat(OutcomeMessages.addressee(out)).contains("demo-trust");
        Task task = MessageBundles.first(out, Task.class).orElseThrow();
        assertThat(task.getStatus()).isEqualTo(Task.TaskStatus.COMPLETED);
        assertThat(MessageBundles.patient(out).orElseThrow().getIdentifierFirstRep().getValue())
                .isEqualTo(TestNhsNumbers.FIXED);
        assertThat(VcsViews.view(out).orElseThrow()).isEqualTo(json.readTree("""
                {"type": "referral-outcome", "outcomeId": "out-1", "referralId": "ref-3", "from": "demo-charity",
                 "status": "completed", "outcome": "support-provided", "reason": "Shopping done weekly",
                 "updatedAt": "2026-11-21T10:00:00Z"}"""));
    }

    @Test
    void aDischargeNoticeDerivesTheSameHomeFromHospitalReferralEveryTime() {
        TestNotices.Notice notice = TestNotices.discharge(42);
        Bundle a = ReferralMessages.homeFromHospital(notice.bundle(), TRUST, "demo-charity", AT).orElseThrow();
        Bundle b = ReferralMessages.homeFromHospital(notice.bundle(), TRUST, "demo-charity", AT).orElseThrow();

        assertThat(MessageBundles.toJson(a)).isEqualTo(MessageBundles.toJson(b));
        assertThat(MessageBundles.messageId(a)).contains(
                ReferralMessages.derivedReferralId(notice.messageId(), "demo-charity"));
        JsonNode view = VcsViews.view(a).orElseThrow();
        assertThat(view.get("service").asText()).isEqualTo("home-from-hospital");
        assertThat(view.get("person").get("nhsNumber").asText()).isEqualTo(notice.details().nhsNumber().value());
        assertThat(view.get("to").asText()).isEqualTo("demo-charity");
        if (notice.details().plannedDischargeDate() != null) {
            assertThat(view.get("startBy").asText()).isEqualTo(notice.details().plannedDischargeDate().toString());
        }
    }
}
