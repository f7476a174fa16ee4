package org.seamless.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.seamless.app.broker.BrokerUsers;
import org.seamless.app.demo.soap.DemoLaCaseSystem;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.itk.ItkEnvelope;
import org.seamless.mappings.itk.ItkTrackingIds;
import org.seamless.mappings.itk.NoticeEnvelopes;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.mappings.testdata.TestNotices;
import org.seamless.testsupport.SeamlessTestBase;
import org.seamless.testsupport.TestEnvironment;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.seamless.testsupport.SharedContext;

/**
 * The la-soap edge end to end: a FHIR notice in over HTTP for a patient in the SOAP LA's
 * catchment, an ITK envelope out through the generated CXF client to the demo LA's real CXF
 * endpoint, and the outcome in the {@code delivery} table.
 */
@ExtendWith(OutputCaptureExtension.class)
@SharedContext
class SoapNoticeEndToEndIT extends SeamlessTestBase {
    private static final String LA = TestEnvironment.LA_SOAP;

    @Autowired
    DemoLaCaseSystem caseSystem;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    BrokerUsers users;

    @AfterEach
    void resetSwitches() {
        caseSystem.resetSwitches();
    }

    @Test
    void dischargeNoticeForAPatientInLs6ArrivesAtTheLaCaseSystemOverItk() throws Exception {
        TestNotices.Notice notice = TestNotices.dischargeInLs6(8101);
        String trackingId = ItkTrackingIds.of(org.seamless.mappings.canonical.ScopedMessageIds.of(
                TestEnvironment.TRUST, notice.messageId()), 0);

        assertThat(post(notice).statusCode()).isEqualTo(200);

        ItkEnvelope envelope = await().atMost(Duration.ofSeconds(30)).until(() -> received(trackingId), l -> l.size() == 1)
                .get(0);
        assertThat(envelope.trackingId()).matches("[A-F0-9]{8}(-[A-F0-9]{4}){3}-[A-F0-9]{12}");
        assertThat(envelope.service()).isEqualTo("urn:seamless:itk:services:discharge-notice-v1");
        assertThat(envelope.recipientAddresses()).containsExactly("urn:nhs-uk:addressing:ods:TST03");
        assertThat(envelope.senderAddress()).isEqualTo("urn:nhs-uk:addressing:ods:" + TestNotices.HOSPITAL_ODS);
        assertThat(envelope.payloads()).singleElement()
                .satisfies(p -> assertThat(p.mimeType()).isEqualTo("application/fhir+xml"));
        Bundle message = NoticeEnvelopes.message(envelope);
        assertThat(MessageBundles.messageId(message)).contains(notice.messageId());
        assertThat(MessageBundles.event(message)).contains(SeamlessEvent.DISCHARGE_NOTICE);
        assertThat(MessageBundles.patient(message).orElseThrow().getIdentifierFirstRep().getValue())
                .isEqualTo(notice.details().nhsNumber().value());

        awaitState(notice.messageId(), "DELIVERED");
        assertThat(delivery(notice.messageId()).get("detail").toString()).contains(trackingId);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM disclosure WHERE message_id = ? AND recipient_agency = ?",
                Integer.class, notice.messageId(), LA)).isEqualTo(1);
    }

    @Test
    void businessFaultEndsAsRefusedAndIsNotRedelivered(CapturedOutput output) throws Exception {
        TestNotices.Notice notice = TestNotices.dischargeInLs6(8102);
        String trackingId = ItkTrackingIds.of(org.seamless.mappings.canonical.ScopedMessageIds.of(
                TestEnvironment.TRUST, notice.messageId()), 0);
        caseSystem.refuseNext(1);

        assertThat(post(notice).statusCode()).isEqualTo(200);

        awaitState(notice.messageId(), "REFUSED");
        assertThat(delivery(notice.messageId()).get("detail").toString()).contains("ITK error code 2500")
                .doesNotContain(notice.details().familyName()).doesNotContain(notice.details().nhsNumber().value());
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> caseSystem.attempts(trackingId) == 1);
        assertThat(received(trackingId)).isEmpty();
        assertNoPersonalValues(output, notice);
    }

    @Test
    void unavailableLaIsTriedAgainAndGetsTheNoticeOnce(CapturedOutput output) throws Exception {
        TestNotices.Notice notice = TestNotices.dischargeInLs6(8103);
        String trackingId = ItkTrackingIds.of(org.seamless.mappings.canonical.ScopedMessageIds.of(
                TestEnvironment.TRUST, notice.messageId()), 0);
        caseSystem.unavailableFor(2);

        assertThat(post(notice).statusCode()).isEqualTo(200);

        awaitState(notice.messageId(), "DELIVERED");
        assertThat(caseSystem.attempts(trackingId)).isEqualTo(3);
        assertThat(received(trackingId)).hasSize(1);
        assertThat(output.getAll()).contains("failed (HTTP 503); it waits for the case system");
        assertNoPersonalValues(output, notice);
    }

    @Test
    void aSecondCopyOfTheSameLegCarriesTheSameTrackingIdAndIsActedOnOnce() throws Exception {
        TestNotices.Notice notice = TestNotices.dischargeInLs6(8104);
        // OutboundPublisher releases as if from the CSV council: the tracking id is scoped by that source
        String trackingId = ItkTrackingIds.of(org.seamless.mappings.canonical.ScopedMessageIds.of(
                TestEnvironment.LA_CSV, notice.messageId()), 0);
        OutboundPublisher broker = new OutboundPublisher(ENV, users);

        broker.publish(LA, notice.bundle());
        awaitState(notice.messageId(), "DELIVERED");
        broker.publishAgain(LA, notice.bundle());

        await().atMost(Duration.ofSeconds(30)).until(() -> caseSystem.attempts(trackingId) == 2);
        assertThat(received(trackingId)).hasSize(1);
    }

    @Test
    void theContractIsServedUnderTheSoapPath() throws Exception {
        HttpResponse<String> wsdl = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/soap/demo/demo-la-soap?wsdl")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(wsdl.statusCode()).isEqualTo(200);
        assertThat(wsdl.body()).contains("ServReqRes11Port").contains("sendRecvDistEnvelope");
    }

    /** A discharge notice for a fake patient living in LS6, the SOAP LA's catchment. */

    private HttpResponse<String> post(TestNotices.Notice notice) throws Exception {
        return postMessage(ENV.apiKey(TestEnvironment.TRUST), "application/fhir+json", notice.json());
    }

    private List<ItkEnvelope> received(String trackingId) {
        return caseSystem.received().stream().filter(e -> e.trackingId().equals(trackingId)).toList();
    }

    private void awaitState(String messageId, String state) {
        await().atMost(Duration.ofSeconds(30)).until(() -> state.equals(delivery(messageId).get("state")));
    }

    private Map<String, Object> delivery(String messageId) {
        return jdbc.queryForList("SELECT state, detail FROM delivery WHERE message_id = ? AND recipient_agency = ?",
                messageId, LA).stream().findFirst().orElse(Map.of());
    }

    private static void assertNoPersonalValues(CapturedOutput output, TestNotices.Notice notice) {
        assertThat(output.getAll()).doesNotContain(notice.details().nhsNumber().value())
                .doesNotContain(notice.details().familyName()).doesNotContain(notice.details().phone());
    }
}
