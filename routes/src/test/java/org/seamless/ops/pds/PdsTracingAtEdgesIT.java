package org.seamless.ops.pds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.xml.ws.Holder;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.seamless.adapters.lasoap.ItkAlertService;
import org.seamless.adapters.lasoap.ItkJaxb;
import org.seamless.adapters.lasoap.itk.DistributionEnvelopeType;
import org.seamless.adapters.lasoap.itk.FaultResponse;
import org.seamless.adapters.lasoap.itk.ITKServiceSendRecv1;
import org.seamless.adapters.vcswebhook.api.IdempotencyKeys;
import org.seamless.mappings.alert.AlertType;
import org.seamless.mappings.alert.SocialCareAlert;
import org.seamless.mappings.alert.SocialCareAlertXml;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.itk.ItkEnvelopeXml;
import org.seamless.mappings.message.FhirUrls;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.ops.replay.InboundMessages;
import org.seamless.testsupport.MllpTestClient;
import org.seamless.testsupport.SeamlessTestBase;
import org.seamless.testsupport.TestEnvironment;
import org.seamless.testsupport.pds.PdsSimulator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.seamless.testsupport.ItkClients;

/**
 * PDS tracing at the single-message edges (issue 20, ADR 0079) against the PDS simulator: a record without an NHS
 * number is traced (one exact match: sent under PDS's number, marked verified), held with a specific answer to the
 * sender when PDS finds no one or several (work queue row by edge and message id, nothing reaches the hub), and a
 * superseded number is replaced and recorded; the match-rate report counts them for the sending agency. Edges: the
 * voluntary-sector JSON referral API (held: 422 problem+json) and HL7 v2 ADT over MLLP (held: AE naming PID-3).
 */
class PdsTracingAtEdgesIT extends SeamlessTestBase {
    static final String VCS = "test-vcs-traced";
    static final PdsSimulator PDS = PdsSimulator.start().requireToken("test-pds-token");
    static final ObjectMapper JSON = new ObjectMapper();
    static final LocalDate BORN = LocalDate.of(1940, 2, 3);
    static final String TRACED = "9990000026";
    static final String OLD = "9990000034";
    static final String SUCCESSOR = "9990000042";
    static final String HL7 = "test-hl7-traced";
    static final int HL7_PORT = freePort();
    static final String HL7_TRACED = "9990000506";
    static final String HL7_OLD = "9990000549";
    static final String HL7_SUCCESSOR = "9990000530";
    static final String LA = "test-la-soap-traced";
    static final String LA_VERIFIED = "9990000700";
    static final String LA_OLD = "9990000735";
    static final String LA_SUCCESSOR = "9990000743";
    static final String LA_UNKNOWN = "9990000727";

    static {
        ENV.withAgencies("""
                  - id: %1$s
                    kind: voluntary-org
                    api-key-sha256: ${key:%1$s}
                    adapter:
                      type: vcs-webhook
                      params:
                        webhook-secret: %2$s
                        pds-trace: true
                  - id: %3$s
                    kind: nhs-trust
                    ods-code: RHL79
                    adapter:
                      type: nhs-hl7v2
                      params:
                        port: "%4$d"
                        bind-address: 127.0.0.1
                        pds-trace: true
                    policy:
                      host-local-authority: demo-la-csv
                  - id: %5$s
                    kind: local-authority
                    ods-code: TST79
                    la-code: E07000979
                    api-key-sha256: ${key:%5$s}
                    adapter:
                      type: la-soap
                      params:
                        endpoint: http://127.0.0.1:9/itk
                        pds-trace: true
                """.formatted(VCS, TestEnvironment.randomSecret(), HL7, HL7_PORT, LA), VCS, LA);
        ENV.withProperty("seamless.pds.base-url", PDS.baseUrl());
        ENV.withProperty("seamless.pds.bearer-token", "test-pds-token");
        PDS.add(TRACED, "Testperson", "Ann", "female", BORN, "LS1 4AP")
                .add("9990000018", "Twin", "Bea", "female", BORN, "LS1 4AP")
                .add("9990000050", "Twin", "Bea", "female", BORN, "LS1 4AP")
                .add(SUCCESSOR, "Renumbered", "Cy", "male", BORN, "LS2 7AB")
                .supersede(OLD, SUCCESSOR)
                .add(HL7_TRACED, "Hltraced", "Jane", "female", BORN, "LS1 1AA")
                .add("9990000514", "Hltwin", "Bea", "female", BORN, "LS1 1AA")
                .add("9990000522", "Hltwin", "Bea", "female", BORN, "LS1 1AA")
                .add(HL7_SUCCESSOR, "Hlrenumbered", "Joe", "male", BORN, "LS2 7AB")
                .supersede(HL7_OLD, HL7_SUCCESSOR)
                .add(LA_VERIFIED, "Soapverified", "Ann", "female", BORN, "LS1 1AA")
                .add(LA_SUCCESSOR, "Soaprenumbered", "Cy", "male", BORN, "LS2 7AB")
                .supersede(LA_OLD, LA_SUCCESSOR);
    }

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    InboundMessages inbound;

    @AfterAll
    static void stopPds() {
        PDS.close();
    }

    @Test
    void jsonReferralsAreTracedHeldOrRenumbered() throws Exception {
        // no number, one exact match: sent under PDS's number, marked verified
        HttpResponse<String> traced = refer("traced-1", null, "Ann", "Testperson", "female", "LS1 4AP");
        assertThat(traced.statusCode()).as(traced.body()).isEqualTo(202);
        String tracedId = JSON.readTree(traced.body()).get("referralId").asText();
        assertThat(reachedHub(tracedId)).isEqualTo(TRACED);

        // a number PDS has superseded: sent under the successor
        HttpResponse<String> renumbered = refer("superseded-1", OLD, "Cy", "Renumbered", "male", "LS2 7AB");
        assertThat(renumbered.statusCode()).as(renumbered.body()).isEqualTo(202);
        assertThat(reachedHub(JSON.readTree(renumbered.body()).get("referralId").asText())).isEqualTo(SUCCESSOR);

        // several matches, no match: held, a distinct problem type each, nothing reaches the hub
        HttpResponse<String> several = refer("several-1", null, "Bea", "Twin", "female", "LS1 4AP");
        assertThat(several.statusCode()).as(several.body()).isEqualTo(422);
        assertThat(several.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(JSON.readTree(several.body()).get("type").asText())
                .isEqualTo("https://seamless.dev/problems/pds-multiple-matches");
        assertThat(several.body()).doesNotContain("Twin").doesNotContain("1940");
        HttpResponse<String> none = refer("none-1", null, "Dee", "Nobody", "female", "LS1 4AP");
        assertThat(none.statusCode()).as(none.body()).isEqualTo(422);
        assertThat(JSON.readTree(none.body()).get("type").asText()).isEqualTo("https://seamless.dev/problems/pds-no-match");
        String severalId = IdempotencyKeys.messageId(VCS, "referral", "several-1");
        String noneId = IdempotencyKeys.messageId(VCS, "referral", "none-1");
        assertThat(inbound.find(severalId)).isEmpty();
        assertThat(inbound.find(noneId)).isEmpty();

        // the same held request again: the first answer, PDS not asked again
        int searches = PDS.searches();
        assertThat(refer("none-1", null, "Dee", "Nobody", "female", "LS1 4AP").statusCode()).isEqualTo(422);
        assertThat(PDS.searches()).isEqualTo(searches);

        // the work queue names the edge and the message id, never a value of the record
        JsonNode held = ops("/api/ops/pds/work-queue?agency=" + VCS).get("held");
        assertThat(held).hasSize(2);
        assertThat(held.toString()).contains("vcs-api " + severalId, "vcs-api " + noneId, "multiple-matches",
                "no-match").doesNotContain("Twin").doesNotContain("Nobody").doesNotContain("LS1");

        // the match-rate report counts the edge's records for the agency
        JsonNode a = ops("/api/ops/pds/match-rates?agency=" + VCS).get("agencies").get(0);
        assertThat(a.get("traced").asLong()).isEqualTo(1);
        assertThat(a.get("superseded").asLong()).isEqualTo(1);
        assertThat(a.get("heldNoMatch").asLong()).isEqualTo(1);
        assertThat(a.get("heldMultipleMatches").asLong()).isEqualTo(1);
        assertThat(a.get("searched").asLong()).isEqualTo(3);
    }

    /** The NHS number of the referral as it reached the hub; it carries the "verified" status. */
    private String reachedHub(String messageId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !inbound.find(messageId).isEmpty());
        Bundle b = MessageBundles.parse(inbound.find(messageId).get(0).canonicalJson());
        Patient p = b.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(Patient.class::isInstance).map(Patient.class::cast).findFirst().orElseThrow();
        List<Identifier> nhs = p.getIdentifier().stream().filter(i -> NhsNumber.SYSTEM.equals(i.getSystem())).toList();
        assertThat(nhs).hasSize(1);
        assertThat(nhs.get(0).getExtensionByUrl(FhirUrls.NHS_NUMBER_VERIFICATION_STATUS)).isNotNull();
        return nhs.get(0).getValue();
    }

    private HttpResponse<String> refer(String key, String nhs, String given, String family, String gender,
                                       String postcode) throws Exception {
        String json = """
                {"to": "%s", "service": "home-from-hospital", "needs": ["shopping"],
                 "person": {%s"givenName": "%s", "familyName": "%s", "birthDate": "%s", "gender": "%s",
                   "address": {"lines": ["1 Test Street"], "city": "Leeds", "postcode": "%s"}}}"""
                .formatted(TestEnvironment.CHARITY, nhs == null ? "" : "\"nhsNumber\": \"" + nhs + "\", ", given,
                        family, BORN, gender, postcode);
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/vcs/referrals"))
                .header("X-API-Key", ENV.apiKey(VCS)).header("Idempotency-Key", key)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void hl7AdtMessagesAreTracedHeldOrRenumbered() {
        try (MllpTestClient client = new MllpTestClient(HL7_PORT)) {
            // PID-3 without an NHS number, one exact match: AA, the notice carries PDS's number
            String traced = client.send(adt("PT1", "", "Hltraced^Jane", "F", "LS1 1AA"));
            assertThat(MllpTestClient.code(traced)).as(traced).isEqualTo("AA");
            assertThat(reachedHub(hl7Id("PT1"))).isEqualTo(HL7_TRACED);

            // a superseded number: AA, the notice goes under the successor
            String renumbered = client.send(adt("PT2", HL7_OLD + "^^^NHS^NH", "Hlrenumbered^Joe", "M", "LS2 7AB"));
            assertThat(MllpTestClient.code(renumbered)).as(renumbered).isEqualTo("AA");
            assertThat(reachedHub(hl7Id("PT2"))).isEqualTo(HL7_SUCCESSOR);

            // no match, several matches: AE, ERR naming PID-3 and the reason, nothing reaches the hub
            String none = client.send(adt("PT3", "", "Hlnobody^Jane", "F", "LS1 1AA"));
            assertThat(MllpTestClient.code(none)).as(none).isEqualTo("AE");
            assertThat(none).contains("ERR|").contains("PID^1^3").contains("pds-no-match").doesNotContain("Hlnobody");
            String several = client.send(adt("PT4", "", "Hltwin^Bea", "F", "LS1 1AA"));
            assertThat(MllpTestClient.code(several)).as(several).isEqualTo("AE");
            assertThat(several).contains("pds-multiple-matches");
            assertThat(inbound.find(hl7Id("PT3"))).isEmpty();
            assertThat(inbound.find(hl7Id("PT4"))).isEmpty();
        }
        JsonNode held;
        JsonNode a;
        try {
            held = ops("/api/ops/pds/work-queue?agency=" + HL7).get("held");
            a = ops("/api/ops/pds/match-rates?agency=" + HL7).get("agencies").get(0);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThat(held).hasSize(2);
        assertThat(held.toString()).contains("nhs-hl7v2 " + hl7Id("PT3"), "nhs-hl7v2 " + hl7Id("PT4"))
                .doesNotContain("Hlnobody").doesNotContain("Hltwin");
        assertThat(a.get("traced").asLong()).isEqualTo(1);
        assertThat(a.get("superseded").asLong()).isEqualTo(1);
        assertThat(a.get("heldNoMatch").asLong()).isEqualTo(1);
        assertThat(a.get("heldMultipleMatches").asLong()).isEqualTo(1);
    }

    @Test
    void itkAlertNumbersAreVerifiedRenumberedOrRefused() throws Exception {
        ITKServiceSendRecv1 client = ItkClients.alerts(port, ENV.apiKey(LA));
        // a number PDS holds: accepted, sent marked verified
        SocialCareAlert verified = itkAlert("PDS-1", LA_VERIFIED);
        Holder<DistributionEnvelopeType> ok = itkCall(verified);
        client.sendRecvMessage(ok);
        assertThat(ItkJaxb.toDocument(ok.value).getDocumentElement().getTextContent()).contains("OK");
        assertThat(reachedHub(alertMessageId(verified))).isEqualTo(LA_VERIFIED);

        // a superseded number: accepted, the hub gets PDS's replacement
        SocialCareAlert old = itkAlert("PDS-2", LA_OLD);
        client.sendRecvMessage(itkCall(old));
        assertThat(reachedHub(alertMessageId(old))).isEqualTo(LA_SUCCESSOR);

        // a number PDS does not hold: an ITK fault, kept in quarantine, held in the work queue, nothing sent on
        assertThatThrownBy(() -> client.sendRecvMessage(itkCall(itkAlert("PDS-3", LA_UNKNOWN))))
                .isInstanceOfSatisfying(FaultResponse.class, f -> {
                    assertThat(f.getFaultInfo().getErrorCode().getValue()).isEqualTo(ItkAlertService.REFUSED);
                    assertThat(f.getFaultInfo().getErrorText()).startsWith("pds-number-not-found:")
                            .contains("kept as").doesNotContain(LA_UNKNOWN);
                });
        assertThat(jdbc.queryForList("SELECT reason_code FROM quarantine WHERE source_agency = ? AND edge ="
                + " 'la-soap-alerts'", String.class, LA)).containsExactly("pds-number-not-found");
        assertThat(inbound.find(alertMessageId(itkAlert("PDS-3", LA_UNKNOWN)))).isEmpty();
        JsonNode held = ops("/api/ops/pds/work-queue?agency=" + LA).get("held");
        assertThat(held).hasSize(1);
        assertThat(held.toString()).contains("la-soap ").doesNotContain(LA_UNKNOWN);
        JsonNode a = ops("/api/ops/pds/match-rates?agency=" + LA).get("agencies").get(0);
        assertThat(a.get("superseded").asLong()).isEqualTo(1);
    }

    private static SocialCareAlert itkAlert(String id, String nhs) {
        return new SocialCareAlert("ignored", null, null, id, NhsNumber.parse(nhs), AlertType.CHILD_PROTECTION_PLAN,
                LocalDate.now().minusDays(3), null, LocalDate.now().plusMonths(3), false, "Children's Services",
                "0113 000 0000");
    }

    private static Holder<DistributionEnvelopeType> itkCall(SocialCareAlert a) {
        return new Holder<>(ItkJaxb.fromDocument(ItkEnvelopeXml.toDocument(
                SocialCareAlertXml.envelope(a, "urn:nhs-uk:addressing:ods:TST79"))));
    }

    /** The id ItkAlertService gives the alert's message: agency, alert id, content as sent, day (ADR 0026). */
    private static String alertMessageId(SocialCareAlert a) {
        String seed = "itk-alert|" + LA + "|" + a.alertId() + "|" + SocialCareAlertXml.contentDigest(a) + "|"
                + LocalDate.now(java.time.ZoneId.of("Europe/London"));
        return java.util.UUID.nameUUIDFromBytes(seed.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    private static String hl7Id(String controlId) {
        return java.util.UUID.nameUUIDFromBytes(("nhs-hl7v2:" + HL7 + ":" + controlId)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    /** An ADT^A01 (inpatient admission) from the traced trust; {@code pid3} empty: no NHS number. */
    private static String adt(String control, String pid3, String name, String sex, String postcode) {
        String[] pv1 = new String[46];
        java.util.Arrays.fill(pv1, "");
        pv1[0] = "PV1";
        pv1[1] = "1";
        pv1[2] = "I";
        pv1[3] = "WARD5^^^RHL79";
        pv1[10] = "MED";
        pv1[19] = "V" + control;
        pv1[44] = "20261201093000";
        return "MSH|^~\\&|PAS|RHL79|SEAMLESS|SEAMLESS|20261201093000||ADT^A01|" + control + "|P|2.4\r"
                + "EVN|A01|20261201093000\r"
                + "PID|1||" + (pid3.isEmpty() ? "H" + control + "^^^RHL79^MR" : pid3) + "||" + name + "||19400203|"
                + sex + "|||1 High Street^^Leeds^^" + postcode + "\r"
                + String.join("|", pv1) + "\r";
    }

    private static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private JsonNode ops(String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", ENV.basic(TestEnvironment.OPERATOR)).timeout(Duration.ofSeconds(60)).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }
}
