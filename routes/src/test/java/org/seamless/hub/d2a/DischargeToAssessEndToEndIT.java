package org.seamless.hub.d2a;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.xml.ws.Holder;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.seamless.adapters.lasoap.ItkJaxb;
import org.seamless.adapters.lasoap.itk.DistributionEnvelopeType;
import org.seamless.adapters.lasoap.itk.ITKServiceSendRecv1;
import org.seamless.app.demo.fhir.DemoTrustFhirSystem;
import org.seamless.app.demo.webhook.DemoHomeCareInbox;
import org.seamless.app.demo.webhook.DemoHomeCareWebhookReceiver;
import org.seamless.mappings.d2a.HomeCareNotice;
import org.seamless.app.demo.soap.DemoLaCaseSystem;
import org.seamless.mappings.canonical.ScopedMessageIds;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.d2a.D2aAnswer;
import org.seamless.mappings.d2a.D2aCodes;
import org.seamless.mappings.d2a.D2aCsv;
import org.seamless.mappings.d2a.D2aFields;
import org.seamless.mappings.d2a.D2aMessages;
import org.seamless.mappings.d2a.D2aStay;
import org.seamless.mappings.d2a.LegacyNotices;
import org.seamless.mappings.d2a.TestD2a;
import org.seamless.mappings.itk.ItkEnvelope;
import org.seamless.mappings.itk.ItkEnvelopeXml;
import org.seamless.mappings.itk.ItkTrackingIds;
import org.seamless.mappings.itk.NoticeEnvelopes;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.mappings.testdata.TestNhsNumbers;
import org.seamless.mappings.testdata.TestNotices;
import org.seamless.testsupport.SeamlessTestBase;
import org.seamless.testsupport.TestEnvironment;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.seamless.testsupport.ItkClients;

/**
 * Discharge to assess end to end, once per pathway (ADR 0060, 0061): a trust's sequence of events
 * (admission, referral, dates, delay, pathway change, ward transfer, ready, discharged) for one
 * person living in the CSV council's area and one in the SOAP council's reaches each council (one
 * CSV file per event in its layout; one ITK envelope per event, plus the Care Act notices generated
 * for the SOAP council, whose registry entry asks for both); the councils answer (CSV answers file;
 * ITK call) and the answers reach the trust's FHIR server; the ledger shows each leg under its own
 * rule and tracking shows the legs delivered. A person who objected to sharing with social care
 * has the referral withheld, as docs/privacy.md explains.
 */
class DischargeToAssessEndToEndIT extends SeamlessTestBase {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The demo home-care provider (ADR 0063): its rota system is the demo receiver, which verifies every signature. */
    private static final String HOME_CARE = DemoHomeCareWebhookReceiver.AGENCY;

    static {
        ENV.withAgencies("""
                  - id: %1$s
                    name: Demo Home Care Ltd
                    kind: voluntary-org
                    api-key-sha256: ${key:%1$s}
                    adapter:
                      type: vcs-webhook
                      params:
                        webhook-url: http://localhost:{{local.server.port}}%2$s
                        webhook-secret: %3$s
                """.formatted(HOME_CARE, DemoHomeCareWebhookReceiver.PATH, TestEnvironment.randomSecret()), HOME_CARE);
    }

    @Autowired
    DemoHomeCareInbox homeCareInbox;

    @Autowired
    DemoLaCaseSystem caseSystem;
    @Autowired
    DemoTrustFhirSystem trust;
    @Autowired
    JdbcTemplate jdbc;

    @ParameterizedTest
    @EnumSource(D2aCodes.Pathway.class)
    void aPathwaysEventsReachBothCouncilsAndTheirAnswersReachTheTrust(D2aCodes.Pathway pathway) throws Exception {
        long seed = 9600 + 10L * pathway.ordinal();
        List<String> numbers = TestNhsNumbers.distinct(seed, 2).stream().map(n -> n.value()).toList();
        List<D2aStay> csvStay = TestD2a.sequence(seed, pathway, numbers.get(0), TestNotices.HOSPITAL_ODS, "LS1 4AP");
        List<D2aStay> soapStay = TestD2a.sequence(seed + 1, pathway, numbers.get(1), TestNotices.HOSPITAL_ODS,
                "LS6 1AA");
        String key = ENV.apiKey(TestEnvironment.TRUST);
        for (int i = 0; i < csvStay.size(); i++) {
            for (D2aStay event : List.of(csvStay.get(i), soapStay.get(i))) {
                HttpResponse<String> r = postMessage(key, "application/fhir+json", D2aMessages.buildJson(event));
                assertThat(r.statusCode()).as(event.event().code() + ": " + r.body()).isEqualTo(200);
            }
        }

        // the CSV council: one file per event, in the event kind's layout, with the current pathway
        for (D2aStay event : csvStay) {
            Path file = ENV.outbox(TestEnvironment.LA_CSV).resolve(D2aCsv.filePrefix(event.event())
                    + TestEnvironment.TRUST + "_" + event.messageId() + "-g0.csv");
            await().atMost(WAIT).until(() -> Files.exists(file));
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                var parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader);
                assertThat(parser.getHeaderNames()).isEqualTo(D2aCsv.columns(event.event()));
                List<CSVRecord> rows = parser.getRecords();
                assertThat(rows).singleElement().satisfies(row -> {
                    assertThat(row.get("message_id")).isEqualTo(event.messageId());
                    assertThat(row.get("nhs_number")).isEqualTo(event.nhsNumber().value());
                    assertThat(row.get("pathway")).isEqualTo(event.pathway() == null ? "" : event.pathway().code());
                    assertThat(row.get("uprn")).isEqualTo(event.uprn());
                });
            }
        }
        D2aStay lastCsv = csvStay.get(csvStay.size() - 1);
        assertThat(lastCsv.event()).isEqualTo(SeamlessEvent.D2A_DISCHARGED);
        // the delay measure is kept from the same events as they pass the hub (ADR 0063): one stay row for the
        // council that received them, discharged, on the stay's last pathway, with nothing identifying in it
        await().atMost(WAIT).until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM d2a_stay_clock WHERE trust_agency = ?"
                + " AND council_agency = ? AND pathway = ? AND discharged_on IS NOT NULL", Integer.class,
                TestEnvironment.TRUST, TestEnvironment.LA_CSV, lastCsv.pathway() == null ? "unknown" : lastCsv.pathway().code()) >= 1);

        // the SOAP council: every event over ITK, and the notices generated for the events that had one
        for (D2aStay event : soapStay) {
            ItkEnvelope envelope = awaitEnvelope(event.messageId());
            assertThat(envelope.service()).isEqualTo("urn:seamless:itk:services:" + event.event().code() + "-v1");
            assertThat(D2aFields.stay(NoticeEnvelopes.message(envelope))).satisfies(got -> {
                assertThat(got.messageId()).isEqualTo(event.messageId());
                assertThat(got.pathway()).isEqualTo(event.pathway());
                assertThat(got.dischargeReadyDate()).isEqualTo(event.dischargeReadyDate());
            });
            LegacyNotices.noticeEvent(event).ifPresent(noticeEvent -> {
                ItkEnvelope notice = awaitEnvelope(LegacyNotices.noticeMessageId(event.messageId()));
                assertThat(notice.service()).isEqualTo("urn:seamless:itk:services:" + noticeEvent.code() + "-v1");
            });
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ledger_entry WHERE message_id = ?", Integer.class,
                LegacyNotices.noticeMessageId(csvStay.get(1).messageId())))
                .as("the CSV council asked for the events only: no notice was generated for it").isZero();

        // the ledger: each trust event released to its council under its own rule, citing s251B
        for (D2aStay event : List.of(csvStay.get(1), soapStay.get(1), lastCsv)) {
            String la = event == soapStay.get(1) ? TestEnvironment.LA_SOAP : TestEnvironment.LA_CSV;
            await().atMost(WAIT).until(() -> ledger(event.messageId(), la).size() >= 2);
            assertThat(ledger(event.messageId(), la)).extracting(e -> e.get("entry_kind") + "/" + e.get("rule_id"))
                    .startsWith("DECISION/" + event.event().code(), "RELEASE/" + event.event().code());
            assertThat((String) ledger(event.messageId(), la).get(0).get("legal_basis")).contains("s251B", "ss6-7");
        }

        // the councils answer: the CSV council by file (acknowledgement, care arranged), the SOAP council over ITK
        D2aStay csvReferral = csvStay.get(1);
        D2aStay soapReferral = soapStay.get(1);
        D2aStay soapAdmission = soapStay.get(0);
        String file = "d2a-answers-" + UUID.randomUUID() + ".csv";
        writeInbox(file, "answer_to,event,nhs_number,answered_at,note,package_id,package_type,provider_agency_id,"
                + "provider_name,care_start_date\r\n"
                + csvReferral.messageId() + ",acknowledgement," + csvReferral.nhsNumber().value()
                + ",2026-03-02T11:00:00Z,Allocated to the hospital team,,,,,\r\n"
                + csvReferral.messageId() + ",care-arranged," + csvReferral.nhsNumber().value()
                + ",2026-03-07T11:00:00Z,,PKG-" + seed + ",reablement,demo-charity,Demo Reablement,2026-03-10\r\n"
                + UUID.randomUUID() + ",acknowledgement," + csvReferral.nhsNumber().value()
                + ",2026-03-02T11:00:00Z,,,,,,\r\n");
        ITKServiceSendRecv1 soap = ItkClients.answers(port, ENV.apiKey(TestEnvironment.LA_SOAP));
        for (D2aAnswer answer : List.of(
                TestD2a.answer(SeamlessEvent.D2A_ASSESSMENT_OUTCOME, soapReferral, TestEnvironment.LA_SOAP, seed),
                TestD2a.answer(SeamlessEvent.D2A_CARE_IN_PLACE, soapAdmission, TestEnvironment.LA_SOAP, seed))) {
            ItkEnvelope envelope = NoticeEnvelopes.envelope(D2aMessages.build(answer),
                    "urn:nhs-uk:addressing:ods:" + TestNotices.HOSPITAL_ODS, TestEnvironment.LA_SOAP, 0);
            Holder<DistributionEnvelopeType> call = new Holder<>(ItkJaxb.fromDocument(ItkEnvelopeXml.toDocument(envelope)));
            soap.sendRecvMessage(call);
            assertThat(ItkJaxb.toDocument(call.value).getDocumentElement().getTextContent()).contains("OK");
        }

        Bundle ack = awaitAtTrust(csvReferral.messageId(), SeamlessEvent.D2A_ACKNOWLEDGEMENT);
        assertThat(D2aFields.answer(ack).note()).isEqualTo("Allocated to the hospital team");
        D2aAnswer arranged = D2aFields.answer(awaitAtTrust(csvReferral.messageId(), SeamlessEvent.D2A_CARE_ARRANGED));
        assertThat(arranged.careStartDate()).hasToString("2026-03-10");
        assertThat(arranged.packageType()).isEqualTo(D2aCodes.PackageType.REABLEMENT);
        assertThat(arranged.providerAgencyId()).isEqualTo(TestEnvironment.CHARITY);
        D2aAnswer outcome = D2aFields.answer(awaitAtTrust(soapReferral.messageId(),
                SeamlessEvent.D2A_ASSESSMENT_OUTCOME));
        assertThat(outcome.outcome()).isEqualTo(D2aCodes.Outcome.PATHWAY_CONFIRMED);
        assertThat(outcome.confirmedPathway()).isEqualTo(soapReferral.pathway());
        D2aAnswer inPlace = D2aFields.answer(awaitAtTrust(soapAdmission.messageId(), SeamlessEvent.D2A_CARE_IN_PLACE));
        assertThat(inPlace.providerName()).isEqualTo("Demo Home Care Ltd");
        assertThat(inPlace.packageId()).isEqualTo("PKG-" + seed);

        // the answers' legs are on the ledger to the trust; the unknown one is refused and listed
        Path rejects = ENV.inbox(TestEnvironment.LA_CSV).resolve("processed").resolve(file + ".rejects.csv");
        await().atMost(WAIT).until(() -> Files.exists(rejects));
        assertThat(jdbc.queryForList("SELECT DISTINCT rule_id FROM ledger_entry WHERE recipient_agency = ?"
                + " AND entry_kind = 'RELEASE' AND rule_id LIKE 'd2a-%'", String.class, TestEnvironment.TRUST))
                .contains("d2a-acknowledgement", "d2a-care-arranged", "d2a-assessment-outcome", "d2a-care-in-place");

        // tracking, as the trust sees it: the referral's legs delivered to each council
        assertThat(awaitLegState(csvReferral.messageId(), TestEnvironment.LA_CSV, "delivered")).isNotNull();
        assertThat(awaitLegState(soapReferral.messageId(), TestEnvironment.LA_SOAP, "delivered")).isNotNull();
    }

    @Test
    void aReferralForSomeoneWhoObjectedIsWithheldAndTheLedgerShowsWhy() throws Exception {
        List<String> numbers = TestNhsNumbers.distinct(9690, 1).stream().map(n -> n.value()).toList();
        D2aStay referral = TestD2a.sequence(9690, D2aCodes.Pathway.P1, numbers.get(0), TestNotices.HOSPITAL_ODS,
                "LS1 4AP").get(1);
        String key = ENV.apiKey(TestEnvironment.TRUST);
        HttpResponse<String> objection = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/v1/consents")).header("Content-Type", "application/json").header("X-API-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"nhsNumber": "%s", "decision": "objection", "purpose": "direct-care",
                         "recipient": {"kind": "local-authority"}, "start": "2024-01-01", "end": null, "reference": "%s"}"""
                        .formatted(numbers.get(0), "objection-" + UUID.randomUUID()))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(objection.statusCode()).as(objection.body()).isEqualTo(202);
        await().atMost(WAIT).until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM consent_record WHERE kind = 'OBJECTION'"
                + " AND status = 'ACTIVE'", Integer.class) > 0);

        assertThat(postMessage(key, "application/fhir+json", D2aMessages.buildJson(referral)).statusCode())
                .isEqualTo(200);

        await().atMost(WAIT).until(() -> !ledger(referral.messageId(), TestEnvironment.LA_CSV).isEmpty());
        assertThat(ledger(referral.messageId(), TestEnvironment.LA_CSV)).singleElement().satisfies(e -> {
            assertThat(e).containsEntry("entry_kind", "DECISION").containsEntry("outcome", "WITHHOLD")
                    .containsEntry("rule_id", "d2a-referral");
            assertThat(e.get("override_reason")).isNull();
        });
        // the routing reason is on the ledger too, withheld or not (issue 21)
        assertThat(routingOutcomes(referral.messageId(), TestEnvironment.LA_CSV)).containsExactly("postcode");
        assertThat(ENV.outbox(TestEnvironment.LA_CSV).resolve(D2aCsv.filePrefix(SeamlessEvent.D2A_REFERRAL)
                + TestEnvironment.TRUST + "_" + referral.messageId() + "-g0.csv")).doesNotExist();
        assertThat(awaitLegState(referral.messageId(), TestEnvironment.LA_CSV, "withheld")).isNotNull();
    }

    /**
     * Home care suspend and resume (ADR 0063): the council records care in place (a home-care package with the
     * demo home-care provider) in answer to an earlier stay's event; the trust's next admission of that person
     * suspends the visits at the provider's real receiver (signature verified there; the payload minimised) and
     * the discharge home resumes them, each leg on the ledger under its own rule. An objection to sharing with
     * the provider withholds both; a person without a package derives nothing.
     */
    @Test
    void admissionSuspendsAndDischargeResumesVisitsAtTheHomeCareProvider() throws Exception {
        List<String> numbers = TestNhsNumbers.distinct(9800, 3).stream().map(n -> n.value()).toList();
        String withPackage = numbers.get(0);
        String objected = numbers.get(1);
        String noPackage = numbers.get(2);
        String key = ENV.apiKey(TestEnvironment.TRUST);
        HttpResponse<String> objection = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/v1/consents")).header("Content-Type", "application/json").header("X-API-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"nhsNumber": "%s", "decision": "objection", "purpose": "direct-care",
                         "recipient": {"agency": "%s"}, "start": "2024-01-01", "end": null, "reference": "%s"}"""
                        .formatted(objected, HOME_CARE, "objection-" + UUID.randomUUID()))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(objection.statusCode()).as(objection.body()).isEqualTo(202);

        // an earlier stay of the two people with a package: the council answers its discharge with care in place
        // (home care by the demo provider); that stay is over, so nothing is suspended yet
        StringBuilder answers = new StringBuilder("answer_to,event,nhs_number,answered_at,package_id,package_type,"
                + "provider_agency_id,provider_name\r\n");
        for (String nhs : List.of(withPackage, objected)) {
            List<D2aStay> earlierStay = TestD2a.sequence(1_000_000 + Long.parseLong(nhs.substring(6)),
                    D2aCodes.Pathway.P0, nhs, TestNotices.HOSPITAL_ODS, "LS1 4AP");
            D2aStay earlier = earlierStay.get(earlierStay.size() - 1);
            for (D2aStay event : List.of(earlierStay.get(0), earlier)) {
                assertThat(postMessage(key, "application/fhir+json", D2aMessages.buildJson(event)).statusCode())
                        .isEqualTo(200);
            }
            await().atMost(WAIT).until(() -> ledger(earlier.messageId(), TestEnvironment.LA_CSV).size() >= 2);
            answers.append(earlier.messageId()).append(",care-in-place,").append(nhs)
                    .append(",2026-03-02T11:00:00Z,PKG-").append(nhs).append(",home-care,").append(HOME_CARE)
                    .append(",Demo Home Care Ltd\r\n");
        }
        writeInbox("d2a-answers-" + UUID.randomUUID() + ".csv", answers.toString());
        await().atMost(WAIT).until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM d2a_home_care_package WHERE"
                + " council_agency = ? AND provider_agency = ?", Integer.class, TestEnvironment.LA_CSV, HOME_CARE) >= 2);

        // this stay: admitted, then discharged home (pathway 1: destination 19, the usual place of residence)
        List<List<D2aStay>> stays = new java.util.ArrayList<>();
        for (String nhs : List.of(noPackage, objected, withPackage)) {
            List<D2aStay> stay = TestD2a.sequence(2_000_000 + Long.parseLong(nhs.substring(6)), D2aCodes.Pathway.P1, nhs,
                    TestNotices.HOSPITAL_ODS, "LS1 4AP");
            stays.add(List.of(stay.get(0), stay.get(stay.size() - 1)));
        }
        for (List<D2aStay> stay : stays) {
            assertThat(postMessage(key, "application/fhir+json", D2aMessages.buildJson(stay.get(0))).statusCode())
                    .isEqualTo(200);
        }
        D2aStay admission = stays.get(2).get(0);
        JsonNode suspend = awaitHomeCare(HomeCareNotice.messageId(admission.messageId(), HOME_CARE,
                SeamlessEvent.HOME_CARE_SUSPEND));
        assertThat(suspend.get("type").asText()).isEqualTo("home-care-suspend");
        assertThat(suspend.get("visits").asText()).isEqualTo("suspend");
        assertThat(suspend.get("packageId").asText()).isEqualTo("PKG-" + withPackage);
        assertThat(suspend.get("council").asText()).isEqualTo(TestEnvironment.LA_CSV);
        assertThat(suspend.get("fromDate").asText()).isEqualTo("2026-03-02T08:15:00Z");
        assertThat(suspend.get("wardPhone").asText()).isEqualTo(admission.contactPhone());
        assertThat(suspend.at("/person/nhsNumber").asText()).isEqualTo(withPackage);
        assertThat(suspend.at("/person/familyName").asText()).isEqualTo(admission.familyName());
        assertThat(suspend.at("/person/address/line1").asText()).isEqualTo(admission.addressLines().get(0));
        assertThat(suspend.at("/person/address/postcode").asText()).isEqualTo("LS1 4AP");
        assertMinimised(suspend, admission);

        for (List<D2aStay> stay : stays) {
            assertThat(postMessage(key, "application/fhir+json", D2aMessages.buildJson(stay.get(1))).statusCode())
                    .isEqualTo(200);
        }
        D2aStay discharged = stays.get(2).get(1);
        JsonNode resume = awaitHomeCare(HomeCareNotice.messageId(discharged.messageId(), HOME_CARE,
                SeamlessEvent.HOME_CARE_RESUME));
        assertThat(resume.get("type").asText()).isEqualTo("home-care-resume");
        assertThat(resume.get("visits").asText()).isEqualTo("resume");
        assertThat(resume.get("fromDate").asText()).isEqualTo("2026-03-10");
        assertMinimised(resume, discharged);

        // the ledger: each leg under its own rule, citing the duty to share
        for (SeamlessEvent event : List.of(SeamlessEvent.HOME_CARE_SUSPEND, SeamlessEvent.HOME_CARE_RESUME)) {
            String id = HomeCareNotice.messageId((event == SeamlessEvent.HOME_CARE_SUSPEND ? admission : discharged)
                    .messageId(), HOME_CARE, event);
            await().atMost(WAIT).until(() -> ledger(id, HOME_CARE).size() >= 2);
            assertThat(ledger(id, HOME_CARE)).extracting(e -> e.get("entry_kind") + "/" + e.get("rule_id"))
                    .startsWith("DECISION/" + event.code(), "RELEASE/" + event.code());
            assertThat((String) ledger(id, HOME_CARE).get(0).get("legal_basis")).contains("s251B", "9(2)(h)");
        }

        // the person who objected: both legs withheld, and the ledger says why
        for (D2aStay event : stays.get(1)) {
            SeamlessEvent derived = event.event() == SeamlessEvent.D2A_ADMISSION ? SeamlessEvent.HOME_CARE_SUSPEND
                    : SeamlessEvent.HOME_CARE_RESUME;
            String id = HomeCareNotice.messageId(event.messageId(), HOME_CARE, derived);
            await().atMost(WAIT).until(() -> !ledger(id, HOME_CARE).isEmpty());
            assertThat(ledger(id, HOME_CARE)).singleElement().satisfies(e -> assertThat(e)
                    .containsEntry("entry_kind", "DECISION").containsEntry("outcome", "WITHHOLD")
                    .containsEntry("rule_id", derived.code()));
        }
        // the person without a package: the trust's events reached the council, nothing was derived for a provider
        for (D2aStay event : stays.get(0)) {
            await().atMost(WAIT).until(() -> ledger(event.messageId(), TestEnvironment.LA_CSV).size() >= 2);
            for (SeamlessEvent derived : List.of(SeamlessEvent.HOME_CARE_SUSPEND, SeamlessEvent.HOME_CARE_RESUME)) {
                assertThat(ledger(HomeCareNotice.messageId(event.messageId(), HOME_CARE, derived), HOME_CARE)).isEmpty();
            }
        }
        assertThat(homeCareInbox.received()).as("only the person with a package and no objection")
                .allSatisfy(v -> assertThat(v.body()).contains(withPackage).doesNotContain(objected, noPackage))
                .hasSize(2);

        // the receiver verifies signatures: a forged webhook is refused and not acted on
        HttpResponse<String> forged = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + DemoHomeCareWebhookReceiver.PATH)).header("Content-Type", "application/json")
                .header("webhook-id", "forged-" + UUID.randomUUID())
                .header("webhook-timestamp", Long.toString(java.time.Instant.now().getEpochSecond()))
                .header("webhook-signature", "v1,AAAA").POST(HttpRequest.BodyPublishers.ofString(suspend.toString()))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(homeCareInbox.received()).hasSize(2);
    }

    // --- helpers -------------------------------------------------------------------------------

    private JsonNode awaitHomeCare(String messageId) throws Exception {
        DemoHomeCareInbox.Visit visit = await().atMost(WAIT).until(() -> homeCareInbox.received().stream()
                .filter(v -> v.body().contains(messageId)).findFirst(), Optional::isPresent).orElseThrow();
        return JSON.readTree(visit.body());
    }

    /** Nothing clinical and nothing of the stay beyond what the provider needs reaches it. */
    private static void assertMinimised(JsonNode received, D2aStay stay) {
        assertThat(received.at("/person").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("nhsNumber", "givenName", "familyName", "birthDate", "address");
        assertThat(received.at("/person/address").fieldNames()).toIterable().containsExactlyInAnyOrder("line1", "postcode");
        assertThat(received.fieldNames()).toIterable().doesNotContain("pathway", "needs", "needsSummary", "ward",
                "delayReason", "dischargeDestination", "dischargeReadyDate", "spellId", "referralId");
        String text = received.toString();
        assertThat(text).doesNotContain(stay.ward(), stay.spellId(), stay.city(), stay.uprn(), stay.phone(),
                "Needs help with washing", "Provider start date not yet confirmed", "female");
        if (stay.referralId() != null) {
            assertThat(text).doesNotContain(stay.referralId());
        }
    }

    private ItkEnvelope awaitEnvelope(String messageId) {
        String trackingId = ItkTrackingIds.of(ScopedMessageIds.of(TestEnvironment.TRUST, messageId), 0);
        return await().atMost(WAIT).until(() -> caseSystem.received().stream()
                .filter(e -> e.trackingId().equals(trackingId)).findFirst(), Optional::isPresent).orElseThrow();
    }

    private Bundle awaitAtTrust(String answered, SeamlessEvent event) {
        return await().atMost(WAIT).until(() -> trust.received().stream().filter(b -> MessageBundles.header(b)
                .map(h -> h.hasResponse() && answered.equals(h.getResponse().getIdentifier())
                        && MessageBundles.event(h).map(event::equals).orElse(false)).orElse(false))
                .findFirst(), Optional::isPresent).orElseThrow();
    }

    /** The leg's decision, release and acknowledgement entries (the routing reason is its own entry, ADR 0069). */
    private List<Map<String, Object>> ledger(String messageId, String recipient) {
        return jdbc.queryForList("SELECT entry_kind, outcome, rule_id, override_reason, legal_basis FROM ledger_entry"
                + " WHERE message_id = ? AND recipient_agency = ? AND entry_kind <> 'ROUTING' ORDER BY seq", messageId, recipient);
    }

    private List<String> routingOutcomes(String messageId, String recipient) {
        return jdbc.queryForList("SELECT outcome FROM ledger_entry WHERE message_id = ? AND recipient_agency = ?"
                + " AND entry_kind = 'ROUTING' ORDER BY seq", String.class, messageId, recipient);
    }

    private JsonNode leg(String messageId, String recipient) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/v1/messages/" + messageId + "/tracking")).header("X-API-Key", ENV.apiKey(TestEnvironment.TRUST))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            return JSON.createObjectNode();
        }
        for (JsonNode leg : JSON.readTree(r.body()).path("recipients")) {
            if (leg.path("agency").asText().equals(recipient)) {
                return leg;
            }
        }
        return JSON.createObjectNode();
    }

    private JsonNode awaitLegState(String messageId, String recipient, String state) {
        return await().atMost(WAIT).until(() -> leg(messageId, recipient), l -> state.equals(l.path("state").asText()));
    }

    private static void writeInbox(String name, String content) throws Exception {
        Path inbox = ENV.inbox(TestEnvironment.LA_CSV);
        Files.createDirectories(inbox);
        Path tmp = inbox.resolve("." + name + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, inbox.resolve(name), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
