package org.seamless.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.seamless.app.broker.BrokerUsers;
import org.seamless.app.demo.fhir.DemoTrustFhirSystem;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.mappings.message.ResponseMessages;
import org.seamless.mappings.testdata.TestNotices;
import org.seamless.testsupport.SeamlessTestBase;
import org.seamless.testsupport.TestEnvironment;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.seamless.testsupport.SharedContext;

/** The nhs-fhir sink against the demo trust's real HAPI FHIR server, driven from the trust's outbound address. */
@ExtendWith(OutputCaptureExtension.class)
@SharedContext
class NhsFhirSinkIT extends SeamlessTestBase {
    private static final String TRUST = TestEnvironment.TRUST;

    @Autowired
    BrokerUsers users;
    @Autowired
    DemoTrustFhirSystem trust;
    @Autowired
    JdbcTemplate jdbc;
    private OutboundPublisher broker;

    @BeforeEach
    void publisher() {
        broker = new OutboundPublisher(ENV, users);
    }

    @AfterEach
    void resetSwitches() {
        trust.resetSwitches();
    }

    @Test
    void aReleasedMessageIsActedOnOnceEvenWhenItArrivesTwice() throws Exception {
        Bundle response = ResponseMessages.ok(TestNotices.discharge(7001).bundle(), new ResponseMessages.Responder(
                UUID.randomUUID().toString(), "urn:seamless:test-la", Instant.now()));
        String id = MessageBundles.messageId(response).orElseThrow();

        broker.publish(TRUST, response);
        awaitState(id, "DELIVERED");
        // as after a crash between the trust's 2xx and the broker commit: the same message again
        broker.publishAgain(TRUST, response);
        await().atMost(Duration.ofSeconds(30)).until(() -> trust.attempts(id) == 2);

        assertThat(receivedWithId(id)).hasSize(1);
        assertThat(receivedWithId(id).get(0).getEntry()).hasSameSizeAs(response.getEntry());
        assertThat(delivery(id)).containsEntry("state", "DELIVERED");
    }

    @Test
    void afterTwoUnavailableAnswersTheBrokerRedeliversAndTheTrustGetsItOnce(CapturedOutput output) throws Exception {
        TestNotices.Notice notice = TestNotices.discharge(7002);
        trust.unavailableFor(2);

        broker.publish(TRUST, notice.bundle());

        awaitState(notice.messageId(), "DELIVERED");
        assertThat(trust.attempts(notice.messageId())).isEqualTo(3);
        assertThat(receivedWithId(notice.messageId())).hasSize(1);
        assertThat(output.getAll()).contains("HTTP 503")
                .doesNotContain(notice.details().nhsNumber().value()).doesNotContain(notice.details().familyName());
    }

    @Test
    void aBusinessRefusalIsRecordedAsRefusedAndNotRetried() throws Exception {
        TestNotices.Notice notice = TestNotices.discharge(7003);
        trust.refuseNext(1);

        broker.publish(TRUST, notice.bundle());

        awaitState(notice.messageId(), "REFUSED");
        assertThat(delivery(notice.messageId()).get("detail")).isEqualTo("HTTP 422; issues: business-rule");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> trust.attempts(notice.messageId()) == 1);
        assertThat(receivedWithId(notice.messageId())).isEmpty();
    }

    @Test
    void theTrustSimulatorRefusesACallerWithoutTheBearerToken() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/demo/demo-trust/fhir/$process-message")).header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(TestNotices.discharge(7004).json())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(trust.attempts(TestNotices.discharge(7004).messageId())).isZero();
    }

    private List<Bundle> receivedWithId(String id) {
        return trust.received().stream().filter(b -> id.equals(MessageBundles.messageId(b).orElse(null))).toList();
    }

    private void awaitState(String messageId, String state) {
        await().atMost(Duration.ofSeconds(30)).until(() -> state.equals(delivery(messageId).get("state")));
    }

    private Map<String, Object> delivery(String messageId) {
        return jdbc.queryForList("SELECT state, detail FROM delivery WHERE message_id = ? AND recipient_agency = ?",
                messageId, TRUST).stream().findFirst().orElse(Map.of());
    }
}
