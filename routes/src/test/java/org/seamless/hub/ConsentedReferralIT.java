package org.seamless.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.seamless.app.demo.webhook.DemoCharityInbox;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.mappings.testdata.TestNotices;
import org.seamless.privacy.consent.AgencyDirectory;
import org.seamless.privacy.consent.Purpose;
import org.seamless.testsupport.SeamlessTestBase;
import org.seamless.testsupport.TestEnvironment;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.seamless.testsupport.SharedContext;

/**
 * Consent as the legal basis, end to end: a referral to a charity without consent is withheld
 * and recorded (not dropped, not delivered); after a consent-update message records the
 * person's consent, the next referral reaches the charity's webhook receiver.
 */
@SharedContext
class ConsentedReferralIT extends SeamlessTestBase {
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DemoCharityInbox charity;

    @Test
    void referralIsWithheldWithoutConsentAndReleasedWithIt() throws Exception {
        TestNotices.Notice person = TestNotices.discharge(7001);
        String key = ENV.apiKey(TestEnvironment.TRUST);

        String first = UUID.randomUUID().toString();
        assertThat(postMessage(key, "application/fhir+json", referral(person, first)).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> outcomes(first).size() == 1);
        assertThat(outcomes(first).get(0)).containsEntry("outcome", "WITHHOLD")
                .containsEntry("recipient_agency", TestEnvironment.CHARITY)
                .containsEntry("rule_id", "referral-from-trust");

        var consentResponse = postMessage(key, "application/fhir+json", consentUpdate(person));
        assertThat(consentResponse.statusCode()).as(consentResponse.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM consent_record", Integer.class) > 0);

        String second = UUID.randomUUID().toString();
        assertThat(postMessage(key, "application/fhir+json", referral(person, second)).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> outcomes(second).size() == 1);
        assertThat(outcomes(second).get(0)).containsEntry("outcome", "RELEASE_IDENTIFIABLE");
        assertThat(outcomes(second).get(0).get("consent_ref")).isNotNull();
        await().atMost(Duration.ofSeconds(30)).until(() -> charity.received().stream()
                .anyMatch(e -> e.body().contains(second)));
        assertThat(charity.received()).noneMatch(e -> e.body().contains(first));
    }

    private List<Map<String, Object>> outcomes(String messageId) {
        return jdbc.queryForList("SELECT outcome, recipient_agency, rule_id, consent_ref FROM disclosure"
                + " WHERE message_id = ?", messageId);
    }

    /** The notice's person and encounter, sent as a referral with a new message id. */
    private static String referral(TestNotices.Notice person, String messageId) {
        Bundle b = MessageBundles.parse(person.json());
        MessageHeader h = MessageBundles.header(b).orElseThrow();
        h.setId(messageId);
        b.getEntryFirstRep().setFullUrl("urn:uuid:" + messageId);
        h.setEvent(new Coding(SeamlessEvent.SYSTEM, SeamlessEvent.REFERRAL.code(), null));
        return MessageBundles.toJson(b);
    }

    /** A consent-update message: the person permits referral to the charity (ODS code TST04). */
    private static String consentUpdate(TestNotices.Notice person) {
        Bundle b = MessageBundles.parse(person.json());
        MessageHeader h = MessageBundles.header(b).orElseThrow();
        String id = UUID.randomUUID().toString();
        h.setId(id);
        b.getEntryFirstRep().setFullUrl("urn:uuid:" + id);
        h.setEvent(new Coding(SeamlessEvent.SYSTEM, SeamlessEvent.CONSENT_UPDATE.code(), null));
        Bundle.BundleEntryComponent patientEntry = b.getEntry().stream()
                .filter(e -> e.getResource() instanceof Patient).findFirst().orElseThrow();
        Consent c = new Consent();
        c.setId(UUID.randomUUID().toString());
        c.addIdentifier().setSystem("https://trust.example/consents").setValue("consent-" + id);
        c.setStatus(Consent.ConsentState.ACTIVE);
        // R4 and UK Core require scope, category and a policy (ppc-1); the edge validates them
        c.setScope(new org.hl7.fhir.r4.model.CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy", null)));
        c.addCategory(new org.hl7.fhir.r4.model.CodeableConcept(new Coding("http://loinc.org", "59284-0", null)));
        c.setPolicyRule(new org.hl7.fhir.r4.model.CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/v3-ActCode", "OPTIN", null)));
        c.setDateTimeElement(new org.hl7.fhir.r4.model.DateTimeType("2026-11-20T09:00:00Z"));
        c.setPatient(new Reference(patientEntry.getFullUrl()));
        c.getProvision().setType(Consent.ConsentProvisionType.PERMIT);
        c.getProvision().addPurpose(new Coding(Purpose.SYSTEM, "referral", null));
        c.getProvision().addActor().setRole(new org.hl7.fhir.r4.model.CodeableConcept(new Coding(
                        "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "IRCP", null)))
                .setReference(new Reference().setIdentifier(new org.hl7.fhir.r4.model.Identifier()
                        .setSystem(AgencyDirectory.ODS_SYSTEM).setValue("TST04")));
        b.addEntry().setFullUrl("urn:uuid:" + c.getIdElement().getIdPart()).setResource(c);
        h.getFocus().clear();
        h.addFocus(new Reference(c.getIdElement().getIdPart() == null ? null : "urn:uuid:" + c.getIdElement().getIdPart()));
        return MessageBundles.toJson(b);
    }
}
