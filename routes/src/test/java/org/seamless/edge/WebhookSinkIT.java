package org.seamless.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.seamless.adapters.vcswebhook.WebhookSignature;
import org.seamless.app.broker.BrokerUsers;
import org.seamless.app.demo.webhook.DemoCharityInbox;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.mappings.testdata.TestNotices;
import org.seamless.testsupport.SeamlessTestBase;
import org.seamless.testsupport.TestEnvironment;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.seamless.testsupport.SharedContext;

/** The vcs-webhook sink against the demo charity's receiver, which verifies every signature. */
@ExtendWith(OutputCaptureExtension.class)
@SharedContext
class WebhookSinkIT extends SeamlessTestBase {
    private static final String CHARITY = TestEnvironment.CHARITY;

    @Autowired
    BrokerUsers users;
    @Autowired
    DemoCharityInbox inbox;
    @Autowired
    JdbcTemplate jdbc;
    private OutboundPublisher broker;

    @BeforeEach
    void publisher() {
        broker = new OutboundPublisher(ENV, users);
    }

    @AfterEach
    void resetSwitches() {
        inbox.resetSwitches();
    }

    @Test
    void aSignedWebhookIsActedOnOnceEvenWhenItArrivesTwice() throws Exception {
        TestNotices.Notice notice = TestNotices.discharge(7101);
        // OutboundPublisher releases as if from the CSV council: event ids are scoped by source (ADR 0036)
        String eventId = TestEnvironment.LA_CSV + "_" + notice.messageId() + ":0";

        broker.publish(CHARITY, notice.bundle());
        awaitState(notice.messageId(), "DELIVERED");
        broker.publishAgain(CHARITY, notice.bundle());
        await().atMost(Duration.ofSeconds(30)).until(() -> inbox.attempts(eventId) == 2);

        List<DemoCharityInbox.Event> got = events(eventId);
        assertThat(got).hasSize(1);
        assertThat(MessageBundles.messageId(MessageBundles.parse(got.get(0).body()))).contains(notice.messageId());
    }

    @Test
    void aReplayIsANewEventForTheOrganisation() throws Exception {
        TestNotices.Notice notice = TestNotices.discharge(7102);

        broker.publish(CHARITY, notice.bundle(), 0, "");
        broker.publish(CHARITY, notice.bundle(), 1, "");

        // OutboundPublisher releases as if from the CSV council: event ids are scoped by source (ADR 0036)
        String scoped = TestEnvironment.LA_CSV + "_" + notice.messageId();
        await().atMost(Duration.ofSeconds(30)).until(() -> events(scoped + ":1").size() == 1);
        assertThat(events(scoped + ":0")).hasSize(1);
    }

    @Test
    void afterTwoUnavailableAnswersTheBrokerRedeliversAndTheCharityGetsItOnce(CapturedOutput output) throws Exception {
        TestNotices.Notice notice = TestNotices.discharge(7103);
        // OutboundPublisher releases as if from the CSV council: event ids are scoped by source (ADR 0036)
        String eventId = TestEnvironment.LA_CSV + "_" + notice.messageId() + ":0";
        inbox.unavailableFor(2);

        broker.publish(CHARITY, notice.bundle());

        awaitState(notice.messageId(), "DELIVERED");
        assertThat(inbox.attempts(eventId)).isEqualTo(3);
        assertThat(events(eventId)).hasSize(1);
        assertThat(output.getAll()).contains("HTTP 503")
                .doesNotContain(notice.details().nhsNumber().value()).doesNotContain(notice.details().familyName());
    }

    @Test
    void aBusinessRefusalIsRecordedAsRefusedAndNotRetried() throws Exception {
        TestNotices.Notice notice = TestNotices.discharge(7104);
        // OutboundPublisher releases as if from the CSV council: event ids are scoped by source (ADR 0036)
        String eventId = TestEnvironment.LA_CSV + "_" + notice.messageId() + ":0";
        inbox.refuseNext(1);

        broker.publish(CHARITY, notice.bundle());

        awaitState(notice.messageId(), "REFUSED");
        assertThat(delivery(notice.messageId()).get("detail"))
                .isEqualTo("HTTP 422; problem type https://seamless.example/demo-charity/problems/cannot-accept");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> inbox.attempts(eventId) == 1);
        assertThat(events(eventId)).isEmpty();
    }

    @Test
    void theReceiverRefusesATamperedBodyAReplayedRequestAndAForeignSecret() throws Exception {
        byte[] body = TestNotices.discharge(7105).json().getBytes(StandardCharsets.UTF_8);
        String eventId = TestNotices.discharge(7105).messageId() + ":0";
        WebhookSignature signer = new WebhookSignature(ENV.webhookSecret());
        long now = Instant.now().getEpochSecond();

        byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("Ward", "Wird").getBytes(StandardCharsets.UTF_8);
        assertThat(post(eventId, now, signer.sign(now, eventId, body), tampered).statusCode()).isEqualTo(401);
        long old = now - Duration.ofMinutes(10).toSeconds();
        HttpResponse<String> replayed = post(eventId, old, signer.sign(old, eventId, body), body);
        assertThat(replayed.statusCode()).isEqualTo(401);
        assertThat(replayed.body()).contains("outside-window");
        String foreign = new WebhookSignature("not-the-charity-secret-0123456789").sign(now, eventId, body);
        assertThat(post(eventId, now, foreign, body).statusCode()).isEqualTo(401);
        assertThat(inbox.attempts(eventId)).isZero();

        assertThat(post(eventId, now, signer.sign(now, eventId, body), body).statusCode()).isEqualTo(200);
        assertThat(events(eventId)).hasSize(1);
    }

    private HttpResponse<String> post(String eventId, long timestamp, String signature, byte[] body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/demo/demo-charity/webhook"))
                .header("Content-Type", "application/fhir+json")
                .header(WebhookSignature.EVENT_ID_HEADER, eventId)
                .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(WebhookSignature.SIGNATURE_HEADER, signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<DemoCharityInbox.Event> events(String eventId) {
        return inbox.received().stream().filter(e -> e.eventId().equals(eventId)).toList();
    }

    private void awaitState(String messageId, String state) {
        await().atMost(Duration.ofSeconds(30)).until(() -> state.equals(delivery(messageId).get("state")));
    }

    private Map<String, Object> delivery(String messageId) {
        return jdbc.queryForList("SELECT state, detail FROM delivery WHERE message_id = ? AND recipient_agency = ?",
                messageId, CHARITY).stream().findFirst().orElse(Map.of());
    }
}
