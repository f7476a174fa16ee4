package org.seamless.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.Connection;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.seamless.app.broker.BrokerUsers;
import org.seamless.app.demo.soap.DemoLaCaseSystem;
import org.seamless.mappings.canonical.BrokerHeaders;
import org.seamless.mappings.itk.ItkEnvelope;
import org.seamless.mappings.itk.ItkTrackingIds;
import org.seamless.mappings.testdata.TestNotices;
import org.seamless.privacy.ledger.LedgerVerifier;
import org.seamless.testsupport.SeamlessTestBase;
import org.seamless.testsupport.TestEnvironment;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The ledger invariant under redelivery, dead-lettering and replay: decision, release and
 * acknowledgement are separate entries; every message the recipient's system acted on has exactly
 * one release entry for its generation; every release ends acknowledged or in the dead-letter address
 * (and one dead-lettered at its delivery deadline is also acknowledged, as {@code DEADLINE_PASSED}).
 */
class LedgerInvariantIT extends SeamlessTestBase {
    private static final String LA = TestEnvironment.LA_SOAP;

    @org.springframework.test.context.DynamicPropertySource
    static void deadline(org.springframework.test.context.DynamicPropertyRegistry r) {
        // why: an LA system that never comes back is dead-lettered at its delivery deadline (ADR 0042)
        r.add("seamless.test.la-soap-deadline", () -> "PT8S");
    }

    @Autowired
    DemoLaCaseSystem caseSystem;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    BrokerUsers users;
    @Autowired
    LedgerVerifier verifier;

    @org.junit.jupiter.api.AfterEach
    void resetSwitches() {
        caseSystem.resetSwitches(); // why: the context is shared with later test classes
    }

    @Test
    void everyReleaseEndsAcknowledgedOrDeadLetteredAcrossRedeliveryAndReplay() throws Exception {
        List<String> ids = new ArrayList<>();
        // 1. a notice the LA system never accepts: it waits until its deadline, then lands in the dead-letter address
        TestNotices.Notice dead = TestNotices.dischargeInLs6(9301);
        ids.add(dead.messageId());
        caseSystem.unavailableFor(1000);
        post(dead);
        await().atMost(Duration.ofSeconds(60)).until(() -> deadLettered(dead.messageId(), 0) == 1);
        caseSystem.resetSwitches();

        // 2. notices redelivered twice before the LA system takes them, and notices to the CSV LA
        caseSystem.unavailableFor(2);
        for (long seed = 9302; seed <= 9304; seed++) {
            TestNotices.Notice n = TestNotices.dischargeInLs6(seed);
            ids.add(n.messageId());
            post(n);
        }
        for (long seed = 9305; seed <= 9306; seed++) {
            TestNotices.Notice n = TestNotices.discharge(seed);
            ids.add(n.messageId());
            post(n);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged(ids.subList(1, ids.size()), 0));

        // 3. operator replays: the dead-lettered notice and one already delivered, as generation 1
        assertThat(replay(dead.messageId())).isEqualTo(200);
        assertThat(replay(ids.get(1))).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged(List.of(dead.messageId(), ids.get(1)), 1));

        List<Map<String, Object>> entries = jdbc.queryForList("SELECT entry_kind, message_id, recipient_agency,"
                + " replay_generation, outcome FROM ledger_entry WHERE message_id IN ("
                + ids.stream().map(i -> "'" + i + "'").collect(Collectors.joining(",")) + ") ORDER BY seq");
        Map<String, List<Map<String, Object>>> byLeg = entries.stream().collect(Collectors.groupingBy(
                e -> e.get("message_id") + "|" + e.get("recipient_agency") + "|" + e.get("replay_generation")));
        assertThat(byLeg).hasSize(ids.size() + 2);
        int deadLetteredReleases = 0;
        for (var leg : byLeg.entrySet()) {
            Map<String, Long> kinds = leg.getValue().stream().collect(Collectors.groupingBy(
                    e -> (String) e.get("entry_kind"), Collectors.counting()));
            assertThat(kinds).as(leg.getKey()).containsEntry("DECISION", 1L).containsEntry("RELEASE", 1L);
            String[] key = leg.getKey().split("\\|");
            boolean deadlinePassed = leg.getValue().stream().anyMatch(e -> "ACKNOWLEDGEMENT".equals(e.get("entry_kind"))
                    && "DEADLINE_PASSED".equals(e.get("outcome")));
            if (deadlinePassed) {
                // the release ends with the reason it was not delivered, and the message is in the dead-letter address
                assertThat(kinds.get("ACKNOWLEDGEMENT")).isEqualTo(1L);
                assertThat(deadLettered(key[0], Integer.parseInt(key[2]))).as(leg.getKey()).isEqualTo(1);
                deadLetteredReleases++;
            } else if (kinds.containsKey("ACKNOWLEDGEMENT")) {
                assertThat(kinds.get("ACKNOWLEDGEMENT")).isEqualTo(1L);
            } else {
                assertThat(deadLettered(key[0], Integer.parseInt(key[2]))).as(leg.getKey()).isEqualTo(1);
                deadLetteredReleases++;
            }
        }
        assertThat(deadLetteredReleases).isEqualTo(1);

        // what the LA system acted on matches the release entries one to one
        List<ItkEnvelope> received = caseSystem.received();
        for (var leg : byLeg.keySet().stream().filter(k -> k.contains("|" + LA + "|")).toList()) {
            String[] key = leg.split("\\|");
            String tracking = ItkTrackingIds.of(org.seamless.mappings.canonical.ScopedMessageIds.of(
                    TestEnvironment.TRUST, key[0]), Integer.parseInt(key[2]));
            long actedOn = received.stream().filter(e -> e.trackingId().equals(tracking)).count();
            assertThat(actedOn).as(leg).isEqualTo(deadLettered(key[0], Integer.parseInt(key[2])) == 1 ? 0 : 1);
        }
        assertThat(verifier.verify(List.of()).intact()).isTrue();
    }

    private boolean acknowledged(List<String> messageIds, int generation) {
        for (String id : messageIds) {
            Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM ledger_entry WHERE message_id = ? AND"
                    + " replay_generation = ? AND entry_kind = 'ACKNOWLEDGEMENT'", Integer.class, id, generation);
            if (n == null || n == 0) {
                return false;
            }
        }
        return true;
    }

    private int replay(String messageId) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/ops/replay"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header("X-API-Key", ENV.opsApiKey())
                .POST(HttpRequest.BodyPublishers.ofString("{\"messageId\": \"" + messageId + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private void post(TestNotices.Notice n) throws Exception {
        assertThat(postMessage(ENV.apiKey(TestEnvironment.TRUST), "application/fhir+json", n.json()).statusCode())
                .isEqualTo(200);
    }

    private int deadLettered(String messageId, int generation) throws Exception {
        var factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + ENV.brokerPort(), BrokerUsers.OPERATOR,
                users.password(BrokerUsers.OPERATOR));
        try (Connection c = factory.createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            QueueBrowser browser = s.createBrowser(s.createQueue("agency." + LA + ".dlq"), BrokerHeaders.MESSAGE_ID
                    + " = '" + messageId + "' AND " + BrokerHeaders.REPLAY_GENERATION + " = '" + generation + "'");
            return Collections.list(browser.getEnumeration()).size();
        }
    }

}
