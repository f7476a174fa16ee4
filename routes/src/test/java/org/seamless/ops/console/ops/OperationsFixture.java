package org.seamless.ops.console.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.seamless.app.broker.BrokerUsers;
import org.seamless.mappings.canonical.BrokerHeaders;
import org.seamless.mappings.testdata.TestNotices;
import org.seamless.ops.reliability.ItkCaseSystemServer;
import org.seamless.testsupport.SeamlessTestBase;
import org.seamless.testsupport.TestEnvironment;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The operations console's tests share one application: the SOAP council's case system is a real ITK
 * server the test switches between an outage (HTTP 503 from its gateway) and up, with a delivery
 * deadline of 3 s, so a notice sent during the outage becomes a real dead letter ({@code
 * deadline-passed}) within seconds, and a replay after the outage is delivered.
 */
abstract class OperationsFixture extends SeamlessTestBase {
    static final ItkCaseSystemServer CASE_SYSTEM;

    static {
        try {
            CASE_SYSTEM = new ItkCaseSystemServer();
        } catch (java.io.IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @DynamicPropertySource
    static void outageThenDeadLetter(DynamicPropertyRegistry r) {
        r.add("seamless.test.la-soap-endpoint", CASE_SYSTEM::endpoint);
        r.add("seamless.test.la-soap-health-url", CASE_SYSTEM::healthUrl);
        r.add("seamless.test.la-soap-deadline", () -> "PT3S");
        r.add("seamless.test.la-soap-timeout-ms", () -> "2000");
        r.add("seamless.circuit.failure-threshold", () -> "2");
        r.add("seamless.circuit.half-open-after-ms", () -> "300");
        r.add("seamless.delivery.retry-delay-ms", () -> "200");
        r.add("seamless.delivery.watch-interval-ms", () -> "100");
    }

    @Autowired
    protected JdbcTemplate jdbc;

    /** A headless Chromium for the browser journeys; started by {@link #startBrowser()}, closed after each test. */
    protected org.seamless.ops.console.BrowserSupport browser;

    protected org.seamless.ops.console.BrowserSupport startBrowser() {
        browser = org.seamless.ops.console.BrowserSupport.start("http://localhost:" + port);
        return browser;
    }

    @org.junit.jupiter.api.AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    /** Signs the person (one of {@link TestEnvironment}'s people) in through the console's sign-in page. */
    protected org.seamless.ops.console.BrowserSupport loginAs(String person) {
        return (browser == null ? startBrowser() : browser).loginAs(person, ENV.password(person));
    }

    @Autowired
    protected BrokerUsers users;

    /** Sends a discharge notice for the SOAP council while its system is down; returns its id once dead-lettered. */
    protected String deadLetter(long seed) throws Exception {
        CASE_SYSTEM.mode(ItkCaseSystemServer.Mode.UNAVAILABLE);
        TestNotices.Notice notice = TestNotices.dischargeInLs6(seed);
        assertThat(postMessage(ENV.apiKey(TestEnvironment.TRUST), "application/fhir+json", notice.json()).statusCode())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(90)).until(() -> parked().contains(notice.messageId()));
        return notice.messageId();
    }

    /** The message ids in the SOAP council's dead-letter address. */
    protected List<String> parked() throws Exception {
        var factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + ENV.brokerPort(), BrokerUsers.OPERATOR,
                users.password(BrokerUsers.OPERATOR));
        try (Connection c = factory.createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            QueueBrowser browser = s.createBrowser(s.createQueue("agency." + TestEnvironment.LA_SOAP + ".dlq"));
            List<String> ids = new ArrayList<>();
            for (Object o : Collections.list(browser.getEnumeration())) {
                ids.add(((Message) o).getStringProperty(BrokerHeaders.MESSAGE_ID));
            }
            return ids;
        }
    }

    /** The delivery state of the message's leg to the SOAP council at the generation. */
    protected List<String> deliveryStates(String messageId, int generation) {
        return jdbc.queryForList("SELECT state FROM delivery WHERE message_id = ? AND recipient_agency = ?"
                + " AND replay_generation = ?", String.class, messageId, TestEnvironment.LA_SOAP, generation);
    }

    /** Rows of the operations audit for the action and target: person, outcome, reason. */
    protected List<java.util.Map<String, Object>> audit(String action, String target) {
        return jdbc.queryForList("SELECT person, person_role, outcome, reason FROM operator_action WHERE action = ?"
                + " AND target = ? ORDER BY id", action, target);
    }
}
