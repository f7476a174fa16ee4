package org.seamless.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.message.NoticeDetails;
import org.seamless.mappings.testdata.TestNotices;
import org.seamless.testsupport.SeamlessTestBase;
import org.seamless.testsupport.TestEnvironment;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.seamless.testsupport.SharedContext;

/**
 * Care Act notices reach the LA of residence by the shipped demo postcode directory: LS7 straddles
 * the two demo authorities, so each full postcode decides; a postcode the directory cannot place
 * (unknown in a straddling district, ZZ99 no fixed abode) goes to the trust's host LA (the CSV LA)
 * with the fallback recorded.
 */
@SharedContext
class ResidenceRoutingIT extends SeamlessTestBase {
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void straddlingDistrictIsResolvedByFullPostcode() throws Exception {
        TestNotices.Notice toSoap = livingAt(701, "LS7 1AB");
        TestNotices.Notice toCsv = livingAt(702, "LS7 2AD");

        post(toSoap);
        post(toCsv);

        assertThat(awaitDelivered(toSoap)).isEqualTo(TestEnvironment.LA_SOAP);
        assertThat(awaitDelivered(toCsv)).isEqualTo(TestEnvironment.LA_CSV);
        assertThat(decision(toSoap)).containsEntry("recipient_agency", TestEnvironment.LA_SOAP)
                .containsEntry("reason", "postcode").containsEntry("fallback", false);
        assertThat(decision(toCsv)).containsEntry("recipient_agency", TestEnvironment.LA_CSV)
                .containsEntry("reason", "postcode").containsEntry("fallback", false);
    }

    @Test
    void unplaceablePostcodesGoToTheHostAuthorityRecordedAsFallbacks() throws Exception {
        TestNotices.Notice ambiguous = livingAt(703, "LS7 5QT");
        TestNotices.Notice noFixedAbode = livingAt(704, "ZZ99 3VZ");

        post(ambiguous);
        post(noFixedAbode);

        assertThat(awaitDelivered(ambiguous)).isEqualTo(TestEnvironment.LA_CSV);
        assertThat(awaitDelivered(noFixedAbode)).isEqualTo(TestEnvironment.LA_CSV);
        assertThat(decision(ambiguous)).containsEntry("reason", "fallback-ambiguous-district")
                .containsEntry("fallback", true);
        assertThat(decision(noFixedAbode)).containsEntry("reason", "fallback-no-fixed-abode")
                .containsEntry("fallback", true);
    }

    @Test
    void straddlingPostcodeIsResolvedByAddressOrUprnAndPostcodeOnlyFallsBackRecorded() throws Exception {
        // LS7 3DX: the postcode directory places it in the CSV LA (the host LA too); the address directory
        // lists its even-numbered Beck Lane properties in the SOAP LA
        TestNotices.Notice byAddress = livingAt(705, "LS7 3DX", List.of("4 Beck Lane"));
        TestNotices.Notice byUprn = withUprn(livingAt(706, "LS7 3DX", List.of()), "990000000106");
        TestNotices.Notice postcodeOnly = livingAt(707, "LS7 3DX", List.of());

        post(byAddress);
        post(byUprn);
        post(postcodeOnly);

        assertThat(awaitDelivered(byAddress)).isEqualTo(TestEnvironment.LA_SOAP);
        assertThat(awaitDelivered(byUprn)).isEqualTo(TestEnvironment.LA_SOAP);
        assertThat(awaitDelivered(postcodeOnly)).isEqualTo(TestEnvironment.LA_CSV);
        assertThat(decision(byAddress)).containsEntry("reason", "address").containsEntry("fallback", false);
        assertThat(decision(byUprn)).containsEntry("reason", "uprn").containsEntry("fallback", false);
        assertThat(decision(postcodeOnly)).containsEntry("reason", "fallback-straddling-postcode")
                .containsEntry("fallback", true);
    }

    private void post(TestNotices.Notice notice) throws Exception {
        assertThat(postMessage(ENV.apiKey(TestEnvironment.TRUST), "application/fhir+json", notice.json()).statusCode())
                .isEqualTo(200);
    }

    /** The one recipient that recorded the notice as delivered. */
    private String awaitDelivered(TestNotices.Notice notice) {
        List<String> recipients = await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForList(
                "SELECT recipient_agency FROM delivery WHERE message_id = ? AND state = 'DELIVERED'", String.class,
                notice.messageId()), l -> !l.isEmpty());
        assertThat(recipients).hasSize(1);
        return recipients.get(0);
    }

    private Map<String, Object> decision(TestNotices.Notice notice) {
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT recipient_agency, reason, fallback FROM"
                + " routing_decision WHERE message_id = ?", notice.messageId());
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    private static TestNotices.Notice livingAt(long seed, String postcode) {
        return livingAt(seed, postcode, null);
    }

    /** The notice with the UK Core address key extension of type UPRN on the patient's home address. */
    private static TestNotices.Notice withUprn(TestNotices.Notice notice, String uprn) {
        var fhir = org.seamless.mappings.canonical.FhirContexts.r4();
        var bundle = fhir.newJsonParser().parseResource(org.hl7.fhir.r4.model.Bundle.class, notice.json());
        var patient = org.seamless.mappings.message.MessageBundles.patient(bundle).orElseThrow();
        var key = patient.getAddressFirstRep().addExtension().setUrl(RecipientResolver.ADDRESS_KEY);
        key.addExtension("type", new org.hl7.fhir.r4.model.CodeableConcept().addCoding(new org.hl7.fhir.r4.model.Coding(
                "https://fhir.hl7.org.uk/CodeSystem/UKCore-AddressKeyType", "UPRN", "Unique Property Reference Number")));
        key.addExtension("value", new org.hl7.fhir.r4.model.StringType(uprn));
        return new TestNotices.Notice(notice.details(), bundle, fhir.newJsonParser().encodeResourceToString(bundle));
    }

    private static TestNotices.Notice livingAt(long seed, String postcode, List<String> lines) {
        NoticeDetails d = TestNotices.details(SeamlessEvent.DISCHARGE_NOTICE, seed);
        return TestNotices.of(new NoticeDetails(d.messageId(), d.event(), d.sentAt(), d.nhsNumber(), d.givenName(),
                d.familyName(), d.birthDate(), d.gender(), lines == null ? d.addressLines() : lines, "Leeds", postcode, d.phone(),
                d.encounterId(), d.admittedAt(), d.plannedDischargeDate(), d.hospitalOdsCode(), d.ward(),
                d.contactName(), d.contactPhone()));
    }
}
