package org.seamless.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.registry.AgencyRegistry;
import org.seamless.app.broker.BrokerConnections;
import org.seamless.app.broker.BrokerUsers;
import org.seamless.mappings.canonical.BrokerHeaders;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.message.NoticeDetails;
import org.seamless.mappings.testdata.TestNotices;
import org.seamless.testsupport.SeamlessTestBase;
import org.seamless.testsupport.SharedContext;
import org.seamless.testsupport.TestEnvironment;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Messages about one person are handed out in the order sent though more than one consumer takes an address
 * (ADR 0100). For each broker hop that carries a person's messages, the agency's inbound address (the gate
 * publishes, the hubs consume) and a recipient's outbound address (the hub publishes, the adapter consumes): while
 * one consumer holds a person's first message uncommitted, a second consumer must not be given that person's
 * second message; it gets it once the first is committed. Without the message group the broker hands the second
 * message to the second consumer at once, which could commit it before the first.
 */
@SharedContext
class PerPersonOrderIT extends SeamlessTestBase {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    CamelContext camel;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    BrokerConnections connections;

    @Autowired
    AgencyRegistry registry;

    @Test
    void aSecondConsumerOfTheInboundAddressIsNotGivenAPersonsNextMessageWhileTheFirstIsInHand() throws Exception {
        AgencyConfig trust = registry.get(TestEnvironment.TRUST);
        String route = "hub-inbound-" + TestEnvironment.TRUST;
        List<String> ids;
        camel.getRouteController().stopRoute(route);
        try {
            ids = send(780_001L, 780_001L);
            String queue = trust.addresses().inbound();
            try (Handout handout = new Handout(connections.connectionFactory(BrokerUsers.HUB), queue)) {
                handout.expectInOrder(ids, nhsNumber(780_001L));
            }
        } finally {
            camel.getRouteController().startRoute(route);
        }
    }

    @Test
    void aSecondConsumerOfAnOutboundAddressIsNotGivenAPersonsNextMessageWhileTheFirstIsInHand() throws Exception {
        AgencyConfig council = registry.get(TestEnvironment.LA_CSV);
        String sink = "adapter-" + TestEnvironment.LA_CSV + "-csv-sink";
        List<String> ids;
        camel.getRouteController().stopRoute(sink);
        try {
            ids = send(780_011L, 780_011L);
            await().atMost(WAIT).until(() -> released(ids) == ids.size());
            String queue = council.addresses().outbound();
            try (Handout handout = new Handout(connections.connectionFactory(council.brokerUser()), queue)) {
                handout.expectInOrder(ids, nhsNumber(780_011L));
            }
        } finally {
            camel.getRouteController().startRoute(sink);
        }
    }

    /** Sends one discharge notice for each seed's person, in order, each with a message id of its own. */
    private List<String> send(long... seeds) throws Exception {
        List<String> ids = new ArrayList<>();
        for (long seed : seeds) {
            NoticeDetails d = TestNotices.details(SeamlessEvent.DISCHARGE_NOTICE, seed);
            String id = UUID.nameUUIDFromBytes(("order/" + seed + "/" + ids.size() + "/" + UUID.randomUUID())
                    .getBytes(StandardCharsets.UTF_8)).toString();
            TestNotices.Notice n = TestNotices.of(d.withEvent(id, d.event()));
            var answer = postMessage(ENV.apiKey(TestEnvironment.TRUST), "application/fhir+json", n.json());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            ids.add(id);
        }
        return ids;
    }

    private static String nhsNumber(long seed) {
        return TestNotices.details(SeamlessEvent.DISCHARGE_NOTICE, seed).nhsNumber().value();
    }

    private int released(List<String> ids) {
        return count("RELEASE", ids);
    }

    private int count(String kind, List<String> ids) {
        return jdbc.queryForObject("SELECT COUNT(DISTINCT message_id) FROM ledger_entry WHERE entry_kind = ?"
                + " AND recipient_agency = ? AND message_id IN (?, ?)", Integer.class, kind, TestEnvironment.LA_CSV,
                ids.get(0), ids.get(1));
    }

    /** Two transacted consumers of one queue, as two hub (or adapter) consumers would hold them. */
    private static final class Handout implements AutoCloseable {
        private final Connection connection;
        private final Session one;
        private final Session two;
        private final MessageConsumer firstConsumer;
        private final MessageConsumer secondConsumer;

        Handout(ActiveMQConnectionFactory cf, String queue) throws Exception {
            connection = cf.createConnection();
            connection.start();
            one = connection.createSession(true, Session.SESSION_TRANSACTED);
            two = connection.createSession(true, Session.SESSION_TRANSACTED);
            firstConsumer = one.createConsumer(one.createQueue(queue));
            secondConsumer = two.createConsumer(two.createQueue(queue));
        }

        /**
         * The first consumer takes the person's first message; the second is not given anything while it is held;
         * once it is committed and the first consumer gone, as a listener's consumer goes after each message, the
         * second gets the next. The test consumes both: they are its own, and nothing else asserts on them.
         */
        void expectInOrder(List<String> ids, String nhsNumber) throws Exception {
            Message first = firstConsumer.receive(WAIT.toMillis());
            assertThat(first).as("a message on the queue").isNotNull();
            assertThat(first.getStringProperty(BrokerHeaders.MESSAGE_ID)).as("the person's first message")
                    .isEqualTo(ids.get(0));
            // why: with no prefetch the broker answers receiveNoWait only after it has tried to deliver
            assertThat(secondConsumer.receiveNoWait()).as("the person's second message while the first is held")
                    .isNull();
            String group = first.getStringProperty(BrokerHeaders.ORDER_GROUP);
            assertThat(group).as("the order group is a bucket, not the NHS number").startsWith("person-")
                    .doesNotContain(nhsNumber);
            one.commit();
            firstConsumer.close();
            Message second = secondConsumer.receive(WAIT.toMillis());
            assertThat(second).as("the person's second message, once the first is committed").isNotNull();
            assertThat(second.getStringProperty(BrokerHeaders.MESSAGE_ID)).isEqualTo(ids.get(1));
            assertThat(second.getStringProperty(BrokerHeaders.ORDER_GROUP)).isEqualTo(group);
            two.commit();
        }

        @Override
        public void close() throws Exception {
            one.rollback();
            two.rollback();
            connection.close();
        }
    }
}
