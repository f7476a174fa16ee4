package org.seamless.hub.answers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.xml.ws.Holder;
import jakarta.xml.ws.WebServiceException;
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
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.seamless.adapters.lasoap.ItkAnswerService;
import org.seamless.adapters.lasoap.ItkJaxb;
import org.seamless.adapters.lasoap.itk.DistributionEnvelopeType;
import org.seamless.adapters.lasoap.itk.FaultResponse;
import org.seamless.adapters.lasoap.itk.ITKServiceSendRecv1;
import org.seamless.app.demo.fhir.DemoTrustFhirSystem;
import org.seamless.app.demo.soap.DemoLaCaseSystem;
import org.seamless.mappings.answer.NoticeAnswer;
import org.seamless.mappings.answer.NoticeAnswerXml;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.itk.ItkEnvelopeXml;
import org.seamless.mappings.itk.ItkTrackingIds;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.mappings.testdata.TestNotices;
import org.seamless.testsupport.SeamlessTestBase;
import org.seamless.testsupport.TestEnvironment;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.seamless.testsupport.SharedContext;
import org.seamless.testsupport.ItkClients;

/**
 * The answer back end to end with real protocol peers: a HAPI FHIR client posts the notices;
 * one reaches the SOAP LA's real CXF case system, the other is written as a CSV file that is read
 * back; the SOAP LA accepts through Seamless's ITK answer endpoint (a CXF client generated from the
 * WSDL), the CSV LA rejects in a responses file; each answer arrives at the demo trust's real HAPI
 * FHIR server as a response message, and the tracking API shows accepted / rejected. Bad answers
 * get specific faults or rejects rows and are kept in quarantine.
 */
@SharedContext
class AnswerBackEndToEndIT extends SeamlessTestBase {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    DemoLaCaseSystem caseSystem;
    @Autowired
    DemoTrustFhirSystem trust;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void soapAcceptanceAndCsvRejectionReachTheTrustAndShowInTracking() throws Exception {
        TestNotices.Notice soapNotice = TestNotices.dischargeInLs6(9301);
        TestNotices.Notice csvNotice = TestNotices.discharge(9302);
        post(soapNotice);
        post(csvNotice);

        // the SOAP LA's case system gets its notice over ITK; the CSV LA's file is written and parsed back
        String trackingId = ItkTrackingIds.of(org.seamless.mappings.canonical.ScopedMessageIds.of(
                TestEnvironment.TRUST, soapNotice.messageId()), 0);
        await().atMost(WAIT).until(() -> caseSystem.received().stream().anyMatch(e -> e.trackingId().equals(trackingId)));
        assertThat(csvMessageIds(awaitOutboxFile(csvNotice.messageId()))).containsExactly(csvNotice.messageId());
        awaitLegState(csvNotice.messageId(), TestEnvironment.LA_CSV, "delivered");

        // SOAP: accepted
        ITKServiceSendRecv1 la = ItkClients.answers(port, ENV.apiKey(TestEnvironment.LA_SOAP));
        Holder<DistributionEnvelopeType> call = envelope(NoticeAnswer.of(soapNotice.messageId(), "accepted", null));
        la.sendRecvMessage(call);
        assertThat(ItkJaxb.toDocument(call.value).getDocumentElement().getTextContent()).contains("OK");

        // CSV: rejected, plus three bad rows
        String reason = "Not known to this council; please check the address";
        String file = "responses-" + UUID.randomUUID() + ".csv";
        writeInbox(file, "message_id,outcome,reason\r\n"
                + csvNotice.messageId() + ",rejected,\"" + reason + "\"\r\n"
                + UUID.randomUUID() + ",accepted,\r\n"
                + soapNotice.messageId() + ",accepted,\r\n"
                + csvNotice.messageId() + ",maybe,\r\n");

        Bundle accepted = awaitResponseAtTrust(soapNotice.messageId());
        MessageHeader ah = MessageBundles.header(accepted).orElseThrow();
        assertThat(MessageBundles.event(ah)).contains(SeamlessEvent.NOTICE_RESPONSE);
        assertThat(ah.getResponse().getCode()).isEqualTo(MessageHeader.ResponseType.OK);
        assertThat(MessageBundles.patient(accepted).orElseThrow().getIdentifierFirstRep().getValue())
                .isEqualTo(soapNotice.details().nhsNumber().value());
        assertThat(MessageBundles.patient(accepted).orElseThrow().hasName()).isFalse();

        Bundle rejected = awaitResponseAtTrust(csvNotice.messageId());
        MessageHeader rh = MessageBundles.header(rejected).orElseThrow();
        assertThat(rh.getResponse().getCode()).isEqualTo(MessageHeader.ResponseType.FATALERROR);
        assertThat(MessageBundles.first(rejected, OperationOutcome.class).orElseThrow().getIssueFirstRep()
                .getDetails().getText()).isEqualTo(reason);

        // the responses went through the privacy chain and are on the ledger under the notice-response rule
        for (Bundle response : List.of(accepted, rejected)) {
            String id = MessageBundles.messageId(response).orElseThrow();
            assertThat(jdbc.queryForList("SELECT entry_kind, rule_id FROM ledger_entry WHERE message_id = ?"
                    + " AND recipient_agency = ? ORDER BY seq", id, TestEnvironment.TRUST))
                    .extracting(r -> r.get("entry_kind") + "/" + r.get("rule_id"))
                    .startsWith("DECISION/notice-response", "RELEASE/notice-response");
        }

        // tracking, as the trust sees it
        JsonNode soapLeg = awaitLegState(soapNotice.messageId(), TestEnvironment.LA_SOAP, "accepted");
        assertThat(states(soapLeg)).containsExactly("received", "released", "delivered", "accepted");
        JsonNode csvLeg = awaitLegState(csvNotice.messageId(), TestEnvironment.LA_CSV, "rejected");
        assertThat(csvLeg.path("answer").path("reason").asText()).isEqualTo(reason);
        await().atMost(WAIT).until(() -> leg(csvNotice.messageId(), TestEnvironment.LA_CSV).path("answer")
                .path("responseState").asText().equals("delivered"));

        // the bad rows: a rejects file with line numbers and codes, each row kept in quarantine
        Path rejects = ENV.inbox(TestEnvironment.LA_CSV).resolve("processed").resolve(file + ".rejects.csv");
        await().atMost(WAIT).until(() -> Files.exists(rejects));
        assertThat(readCsv(rejects)).extracting(r -> r.get("line") + ":" + r.get("code"))
                .containsExactly("3:unknown-message", "4:unknown-message", "5:bad-outcome");
        assertThat(jdbc.queryForList("SELECT reason_code FROM quarantine WHERE edge = 'la-csv-responses'"
                + " AND source_agency = ?", String.class, TestEnvironment.LA_CSV))
                .contains("unknown-message", "bad-outcome");
        assertThat(Files.readString(rejects)).doesNotContain(soapNotice.details().nhsNumber().value());

        // the same answers again (a resent file, a retried call): acknowledged as duplicates, the trust gets nothing new
        String again = "responses-" + UUID.randomUUID() + ".csv";
        writeInbox(again, "message_id,outcome,reason\r\n" + csvNotice.messageId() + ",rejected,\"" + reason + "\"\r\n");
        la.sendRecvMessage(envelope(NoticeAnswer.of(soapNotice.messageId(), "accepted", null)));
        Path summary = ENV.inbox(TestEnvironment.LA_CSV).resolve("processed").resolve(again + ".summary.csv");
        await().atMost(WAIT).until(() -> Files.exists(summary));
        assertThat(readCsv(summary).get(0).get("duplicates")).isEqualTo("1");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM notice_answer WHERE notice_message_id IN (?, ?)",
                Integer.class, soapNotice.messageId(), csvNotice.messageId())).isEqualTo(2);
    }

    @Test
    void badSoapAnswersGetSpecificFaultsAndAreKept() throws Exception {
        TestNotices.Notice csvNotice = TestNotices.discharge(9311);
        post(csvNotice);
        awaitOutboxFile(csvNotice.messageId());
        awaitLegState(csvNotice.messageId(), TestEnvironment.LA_CSV, "delivered");
        ITKServiceSendRecv1 la = ItkClients.answers(port, ENV.apiKey(TestEnvironment.LA_SOAP));

        // a notice sent to another LA and a message id nobody used get the same fault: the edge does not tell
        // an LA whether a message id exists
        FaultResponse notYours = fault(() -> la.sendRecvMessage(envelope(NoticeAnswer.of(csvNotice.messageId(),
                "accepted", null))));
        FaultResponse unknown = fault(() -> la.sendRecvMessage(envelope(NoticeAnswer.of(UUID.randomUUID().toString(),
                "accepted", null))));
        assertThat(notYours.getFaultInfo().getErrorCode().getValue()).isEqualTo(ItkAnswerService.UNKNOWN_MESSAGE)
                .isEqualTo(unknown.getFaultInfo().getErrorCode().getValue());
        assertThat(withoutReference(notYours)).startsWith("unknown-message:").isEqualTo(withoutReference(unknown));
        var good = NoticeAnswerXml.envelope(NoticeAnswer.of(csvNotice.messageId(), "accepted", null), "urn:x:la");
        var bad = new org.seamless.mappings.itk.ItkEnvelope(good.trackingId(), good.service(), good.senderAddress(),
                good.recipientAddresses(), null, good.handling(), List.of(new org.seamless.mappings.itk.ItkEnvelope.Payload(
                good.payloads().get(0).id(), "text/xml", null, good.payloads().get(0).content().replace("accepted", "rejected"))));
        Holder<DistributionEnvelopeType> noReason = new Holder<>(ItkJaxb.fromDocument(ItkEnvelopeXml.toDocument(bad)));
        assertFault(() -> la.sendRecvMessage(noReason), ItkAnswerService.MALFORMED_ANSWER, "missing-reason");

        assertThat(jdbc.queryForList("SELECT reason_code FROM quarantine WHERE edge = 'la-soap-answers'",
                String.class)).contains("unknown-message", "missing-reason").doesNotContain("not-a-recipient");
        assertThatThrownBy(() -> ItkClients.answers(port, "not-a-key").sendRecvMessage(
                envelope(NoticeAnswer.of(csvNotice.messageId(), "accepted", null))))
                .isInstanceOf(WebServiceException.class);
        assertThatThrownBy(() -> ItkClients.answers(port, ENV.apiKey(TestEnvironment.TRUST)).sendRecvMessage(
                envelope(NoticeAnswer.of(csvNotice.messageId(), "accepted", null))))
                .isInstanceOf(WebServiceException.class);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM notice_answer WHERE notice_message_id = ?",
                Integer.class, csvNotice.messageId())).isZero();
    }

    @Test
    void trackingShowsEachAgencyOnlyWhatItSentOrReceived() throws Exception {
        TestNotices.Notice notice = TestNotices.dischargeInLs6(9321);
        post(notice);
        awaitLegState(notice.messageId(), TestEnvironment.LA_SOAP, "delivered");

        assertThat(tracking(notice.messageId(), null).statusCode()).isEqualTo(401);
        assertThat(tracking(notice.messageId(), ENV.apiKey(TestEnvironment.LA_CSV)).statusCode()).isEqualTo(404);
        assertThat(tracking(notice.messageId(), ENV.apiKey(TestEnvironment.CHARITY)).statusCode()).isEqualTo(404);
        HttpResponse<String> asRecipient = tracking(notice.messageId(), ENV.apiKey(TestEnvironment.LA_SOAP));
        assertThat(asRecipient.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(asRecipient.body()).path("recipients")).hasSize(1);
        HttpResponse<String> asOperator = tracking(notice.messageId(), ENV.opsApiKey());
        assertThat(asOperator.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(asOperator.body()).path("source").asText()).isEqualTo(TestEnvironment.TRUST);
        assertThat(asOperator.body()).doesNotContain(notice.details().nhsNumber().value())
                .doesNotContain(notice.details().familyName());
    }

    // --- helpers -------------------------------------------------------------------------------

    /** The trust's system: a HAPI FHIR generic client calling {@code $process-message} with the trust's API key. */
    private void post(TestNotices.Notice notice) {
        var fhir = org.seamless.mappings.canonical.FhirContexts.r4();
        fhir.getRestfulClientFactory().setServerValidationMode(ca.uhn.fhir.rest.client.api.ServerValidationModeEnum.NEVER);
        var client = fhir.newRestfulGenericClient("http://localhost:" + port + "/fhir");
        client.registerInterceptor(new ca.uhn.fhir.rest.client.interceptor.AdditionalRequestHeadersInterceptor(
                Map.of("X-API-Key", List.of(ENV.apiKey(TestEnvironment.TRUST)))));
        Bundle reply = client.operation().processMessage().setMessageBundle(MessageBundles.parse(notice.json()))
                .synchronous(Bundle.class).execute();
        MessageHeader h = MessageBundles.header(reply).orElseThrow();
        assertThat(h.getResponse().getIdentifier()).isEqualTo(notice.messageId());
        assertThat(h.getResponse().getCode()).isEqualTo(MessageHeader.ResponseType.OK);
    }

    private static Holder<DistributionEnvelopeType> envelope(NoticeAnswer answer) {
        return new Holder<>(ItkJaxb.fromDocument(ItkEnvelopeXml.toDocument(
                NoticeAnswerXml.envelope(answer, "urn:nhs-uk:addressing:ods:TST03"))));
    }

    private interface Call {
        void run() throws Exception;
    }

    private static void assertFault(Call call, String itkCode, String reasonCode) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(FaultResponse.class, f -> {
            assertThat(f.getFaultInfo().getErrorCode().getValue()).isEqualTo(itkCode);
            assertThat(f.getFaultInfo().getErrorText()).startsWith(reasonCode + ":").contains("kept as");
        });
    }

    private static FaultResponse fault(Call call) {
        try {
            call.run();
        } catch (FaultResponse f) {
            assertThat(f.getFaultInfo().getErrorText()).contains("kept as");
            return f;
        } catch (Exception e) {
            throw new AssertionError("expected an ITK fault", e);
        }
        throw new AssertionError("expected an ITK fault, the call was accepted");
    }

    /** The fault's text without the reference of the kept input (which differs per call by design). */
    private static String withoutReference(FaultResponse f) {
        return f.getFaultInfo().getErrorText().replaceAll("\\(kept as [^)]*\\)", "(kept as ...)");
    }

    private Bundle awaitResponseAtTrust(String noticeId) {
        return await().atMost(WAIT).until(() -> trust.received().stream().filter(b -> MessageBundles.header(b)
                        .map(h -> h.hasResponse() && noticeId.equals(h.getResponse().getIdentifier())).orElse(false))
                .findFirst(), Optional::isPresent).orElseThrow();
    }

    private HttpResponse<String> tracking(String messageId, String key) throws Exception {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/messages/"
                + messageId + "/tracking")).timeout(Duration.ofSeconds(30));
        if (key != null) {
            req.header("X-API-Key", key);
        }
        return HTTP.send(req.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode leg(String messageId, String recipient) throws Exception {
        HttpResponse<String> r = tracking(messageId, ENV.apiKey(TestEnvironment.TRUST));
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

    private static List<String> states(JsonNode leg) {
        List<String> out = new java.util.ArrayList<>();
        leg.path("history").forEach(s -> out.add(s.path("state").asText()));
        return out;
    }

    private static Path awaitOutboxFile(String messageId) {
        Path file = ENV.outbox(TestEnvironment.LA_CSV).resolve("notice-" + TestEnvironment.TRUST + "_" + messageId
                + "-g0.csv");
        await().atMost(WAIT).until(() -> Files.exists(file));
        return file;
    }

    private static List<String> csvMessageIds(Path file) throws Exception {
        return readCsv(file).stream().map(r -> r.get("message_id")).toList();
    }

    private static List<CSVRecord> readCsv(Path file) throws Exception {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r).getRecords();
        }
    }

    private static void writeInbox(String name, String content) throws Exception {
        Path inbox = ENV.inbox(TestEnvironment.LA_CSV);
        Files.createDirectories(inbox);
        Path tmp = inbox.resolve("." + name + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, inbox.resolve(name), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
