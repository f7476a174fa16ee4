package org.seamless.app.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.seamless.mappings.canonical.BrokerHeaders;
import org.seamless.testsupport.SeamlessTestBase;
import org.seamless.testsupport.TestEnvironment;
import org.springframework.beans.factory.annotation.Autowired;
import org.seamless.testsupport.SharedContext;

/**
 * A message an adapter can never handle is redelivered with backoff, then lands in that agency's
 * own dead-letter address, where an operator can see it; nothing is dropped.
 */
@SharedContext
class DeadLetterIT extends SeamlessTestBase {
    @Autowired
    BrokerUsers users;

    @Test
    void poisonMessageEndsInTheAgencysDeadLetterAddress() throws Exception {
        String messageId = UUID.randomUUID().toString();
        try (Connection c = factory(BrokerUsers.HUB).createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue("agency." + TestEnvironment.LA_CSV + ".outbound"));
            Message m = s.createTextMessage("this is not a FHIR bundle");
            m.setStringProperty(BrokerHeaders.MESSAGE_ID, messageId);
            m.setStringProperty(BrokerHeaders.SOURCE_AGENCY, TestEnvironment.TRUST);
            m.setStringProperty(BrokerHeaders.REPLAY_GENERATION, "0");
            p.send(m);
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> deadLettered(messageId).size() == 1);
        Message dead = deadLettered(messageId).get(0);
        assertThat(dead.getStringProperty("_AMQ_ORIG_ADDRESS")).isEqualTo("agency." + TestEnvironment.LA_CSV + ".outbound");

        // the operator's view says why it was parked, and needs the operator key
        java.net.http.HttpResponse<String> view = HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        "http://localhost:" + port + "/api/ops/dead-letters/" + TestEnvironment.LA_CSV))
                .header("X-API-Key", ENV.opsApiKey()).GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(view.statusCode()).isEqualTo(200);
        assertThat(view.body()).contains(messageId).contains("\"failedAttempts\":6").contains("\"lastFailure\":\"")
                .doesNotContain("this is not a FHIR bundle");
        assertThat(HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port
                        + "/api/ops/dead-letters/" + TestEnvironment.LA_CSV)).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
    }

    private List<Message> deadLettered(String messageId) throws Exception {
        try (Connection c = factory(BrokerUsers.OPERATOR).createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            QueueBrowser browser = s.createBrowser(s.createQueue("agency." + TestEnvironment.LA_CSV + ".dlq"),
                    BrokerHeaders.MESSAGE_ID + " = '" + messageId + "'");
            List<Message> found = new ArrayList<>();
            for (Object o : Collections.list(browser.getEnumeration())) {
                found.add((Message) o);
            }
            return found;
        }
    }

    private ActiveMQConnectionFactory factory(String user) {
        return new ActiveMQConnectionFactory("tcp://127.0.0.1:" + ENV.brokerPort(), user, users.password(user));
    }
}
