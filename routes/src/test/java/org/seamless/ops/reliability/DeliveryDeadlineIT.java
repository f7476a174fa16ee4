package org.seamless.ops.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.seamless.app.broker.BrokerUsers;
import org.seamless.mappings.canonical.BrokerHeaders;
import org.seamless.mappings.testdata.TestNotices;
import org.seamless.testsupport.SeamlessTestBase;
import org.seamless.testsupport.TestEnvironment;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A council's case system that never comes back (connections refused), with a delivery deadline of
 * 15 seconds in the registry: its notices wait (not dead-lettered while the deadline has not passed),
 * the operator is warned as each nears its deadline, then each is dead-lettered with reason
 * {@code deadline-passed}, and the delivery record, the ledger's acknowledgement of its release and
 * the operator's dead-letter view all say so: no release is left PENDING without a cause.
 */
class DeliveryDeadlineIT extends SeamlessTestBase {
    private static final Duration DEADLINE = Duration.ofSeconds(15);
    private static final String NOBODY_LISTENS;

    static {
        try (var s = new java.net.ServerSocket(0)) {
            NOBODY_LISTENS = "http://127.0.0.1:" + s.getLocalPort() + "/itk";
        } catch (java.io.IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @DynamicPropertySource
    static void deadline(DynamicPropertyRegistry r) {
        r.add("seamless.test.la-soap-endpoint", () -> NOBODY_LISTENS);
        r.add("seamless.test.la-soap-deadline", DEADLINE::toString);
        r.add("seamless.circuit.failure-threshold", () -> "2");
        r.add("seamless.circuit.half-open-after-ms", () -> "300");
        r.add("seamless.delivery.retry-delay-ms", () -> "200");
        r.add("seamless.delivery.watch-interval-ms", () -> "100");
    }

    @Autowired
    BrokerUsers users;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aMessageWaitsUntilItsDeadlineThenIsDeadLetteredWithTheReasonRecorded() throws Exception {
        List<TestNotices.Notice> notices = IntStream.range(0, 2).mapToObj(i -> TestNotices.dischargeInLs6(63_000 + i)).toList();
        for (TestNotices.Notice n : notices) {
            assertThat(postMessage(ENV.apiKey(TestEnvironment.TRUST), "application/fhir+json", n.json()).statusCode())
                    .isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(90)).until(() -> deadLettered().size() == notices.size());

        List<String> ids = notices.stream().map(TestNotices.Notice::messageId).toList();
        assertThat(deadLettered()).containsExactlyInAnyOrderElementsOf(ids);
        for (String id : ids) {
            assertThat(jdbc.queryForMap("SELECT state, detail FROM delivery WHERE message_id = ? AND recipient_agency = ?",
                    id, TestEnvironment.LA_SOAP)).containsEntry("state", "DEAD_LETTERED").containsEntry("detail", "deadline-passed");
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForList("SELECT outcome FROM ledger_entry WHERE"
                    + " message_id = ? AND recipient_agency = ? AND entry_kind = 'ACKNOWLEDGEMENT'", String.class, id,
                    TestEnvironment.LA_SOAP), o -> o.equals(List.of("DEADLINE_PASSED")));
            // never dead-lettered before its deadline: from the release to the end of the release in the ledger
            List<java.sql.Timestamp> at = jdbc.queryForList("SELECT occurred_at FROM ledger_entry WHERE message_id = ?"
                    + " AND recipient_agency = ? AND entry_kind IN ('RELEASE', 'ACKNOWLEDGEMENT') ORDER BY seq",
                    java.sql.Timestamp.class, id, TestEnvironment.LA_SOAP);
            assertThat(Duration.between(at.get(0).toInstant(), at.get(1).toInstant())).as("released to dead-lettered")
                    .isGreaterThanOrEqualTo(DEADLINE);
        }
        String view = get("/api/ops/dead-letters/" + TestEnvironment.LA_SOAP).body();
        assertThat(view).contains("deadline-passed");
        List<String> codes = jdbc.queryForList("SELECT code FROM operator_alert WHERE agency_id = ?", String.class,
                TestEnvironment.LA_SOAP);
        assertThat(codes).contains("delivery-deadline-near", "delivery-deadline-passed");
        assertThat(codes.stream().filter("delivery-deadline-passed"::equals)).hasSize(notices.size());
    }

    /** Message ids in the SOAP council's dead-letter address, each with reason deadline-passed. */
    private List<String> deadLettered() throws Exception {
        var factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + ENV.brokerPort(), BrokerUsers.OPERATOR,
                users.password(BrokerUsers.OPERATOR));
        try (Connection c = factory.createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            QueueBrowser browser = s.createBrowser(s.createQueue("agency." + TestEnvironment.LA_SOAP + ".dlq"));
            List<Message> parked = Collections.list(browser.getEnumeration()).stream().map(Message.class::cast).toList();
            for (Message m : parked) {
                assertThat(m.getStringProperty(SinkOutagePolicy.DEAD_LETTER_REASON)).isEqualTo("deadline-passed");
            }
            return parked.stream().map(m -> {
                try {
                    return m.getStringProperty(BrokerHeaders.MESSAGE_ID);
                } catch (jakarta.jms.JMSException e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("X-API-Key", ENV.opsApiKey()).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
