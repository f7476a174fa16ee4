package org.seamless.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.seamless.adapters.spi.InboundGate;
import org.seamless.testsupport.TestBrokers;
import org.apache.activemq.artemis.api.core.ActiveMQTransactionOutcomeUnknownException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The edge's publish against a real in-VM Artemis whose address pages from the first byte: each
 * message is stored once, and a second publish with the same duplicate id is reported as already
 * stored instead of failing the sender or storing a second copy. A commit whose outcome a failover left
 * unknown is sent again and stored once, whether or not the first commit reached the journal; a broker that
 * stays away is reported as {@link InboundGate.Unavailable}, not as a failure of the message.
 */
class AdmissionPublisherTest {
    private static final String ADDRESS = "agency.test.inbound";
    @TempDir
    Path dir;
    private EmbeddedActiveMQ broker;
    private ActiveMQConnectionFactory cf;

    @BeforeEach
    void start() throws Exception {
        TestBrokers.Broker test = TestBrokers.persistent(dir);
        Configuration config = test.config();
        config.addAddressSetting("#", new AddressSettings().setMaxSizeBytes(1)
                .setAddressFullMessagePolicy(AddressFullMessagePolicy.PAGE));
        config.addQueueConfiguration(QueueConfiguration.of(ADDRESS).setRoutingType(RoutingType.ANYCAST));
        broker = new EmbeddedActiveMQ().setConfiguration(config);
        broker.start();
        cf = new ActiveMQConnectionFactory(test.url());
    }

    @AfterEach
    void stop() throws Exception {
        cf.close();
        broker.stop();
    }

    @Test
    void aRepeatedDuplicateIdIsReportedAsAlreadyStoredAndStoredOnce() throws Exception {
        AdmissionPublisher publisher = new AdmissionPublisher(cf);
        for (int i = 0; i < 3; i++) {
            int n = i;
            assertThat(publisher.publish(ADDRESS, s -> message(s, "m-" + n))).isEqualTo(AdmissionPublisher.Outcome.STORED);
        }
        assertThat(publisher.publish(ADDRESS, s -> message(s, "m-1")))
                .isEqualTo(AdmissionPublisher.Outcome.ALREADY_STORED);
        assertThat(new AdmissionPublisher(cf).publish(ADDRESS, s -> message(s, "m-2")))
                .as("a new publisher, as after a restart of the edge").isEqualTo(AdmissionPublisher.Outcome.ALREADY_STORED);

        assertThat(broker.getActiveMQServer().getPagingManager().getPageStore(
                org.apache.activemq.artemis.api.core.SimpleString.of(ADDRESS)).isPaging()).isTrue();
        try (Connection c = cf.createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = s.createConsumer(s.createQueue(ADDRESS));
            java.util.List<String> got = new java.util.ArrayList<>();
            for (TextMessage m; (m = (TextMessage) consumer.receive(2000)) != null; ) {
                got.add(m.getText());
            }
            assertThat(got).containsExactly("m-0", "m-1", "m-2");
        }
    }

    @ParameterizedTest(name = "first commit reached the journal: {0}")
    @ValueSource(booleans = {true, false})
    void aCommitWhoseOutcomeFailoverLeftUnknownIsSentAgainAndStoredOnce(boolean firstCommitStored) throws Exception {
        AtomicInteger commits = new AtomicInteger();
        AdmissionPublisher publisher = new AdmissionPublisher(commitFailingOnce(cf, firstCommitStored, commits), 1);

        AdmissionPublisher.Outcome outcome = publisher.publish(ADDRESS, s -> message(s, "m-failover"));

        assertThat(commits).as("the first commit and the repeat").hasValue(2);
        assertThat(outcome).isEqualTo(firstCommitStored ? AdmissionPublisher.Outcome.ALREADY_STORED
                : AdmissionPublisher.Outcome.STORED);
        assertThat(drain()).containsExactly("m-failover");
    }

    @Test
    void aConnectionClosedUnderTheCachedTemplateIsTriedAgain() throws Exception {
        jakarta.jms.ConnectionFactory closedOnce = onCreateSession(cf, n -> {
            if (n == 1) {
                // what a failover that closed the shared connection leaves (no broker type is attached)
                throw new jakarta.jms.IllegalStateException("Connection is closed");
            }
        });

        assertThat(new AdmissionPublisher(closedOnce, 1).publish(ADDRESS, s -> message(s, "m-closed")))
                .isEqualTo(AdmissionPublisher.Outcome.STORED);
        assertThat(drain()).containsExactly("m-closed");
    }

    @Test
    void concurrentPublishersReuseTheirSessionsInsteadOfOpeningOnePerMessage() throws Exception {
        AtomicInteger sessions = new AtomicInteger();
        jakarta.jms.ConnectionFactory counting = onCreateSession(cf, n -> sessions.incrementAndGet());
        AdmissionPublisher publisher = new AdmissionPublisher(counting, 1);
        int threads = 4;
        int each = 25;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            var sent = new java.util.ArrayList<java.util.concurrent.Future<?>>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                sent.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        String id = "m-" + thread + "-" + i;
                        assertThat(publisher.publish(ADDRESS, s -> message(s, id)))
                                .isEqualTo(AdmissionPublisher.Outcome.STORED);
                    }
                    return null;
                }));
            }
            for (var f : sent) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(drain()).hasSize(threads * each);
        // why: at most one session per concurrent publisher; the default cache of one opened a session per publish
        assertThat(sessions.get()).isLessThanOrEqualTo(threads);
    }

    @Test
    void aBrokerThatStaysAwayIsReportedAsUnavailableWithARetryTime() throws Exception {
        AdmissionPublisher publisher = new AdmissionPublisher(cf, 1);
        broker.stop();

        assertThatThrownBy(() -> publisher.publish(ADDRESS, s -> message(s, "m-away")))
                .isInstanceOfSatisfying(InboundGate.Unavailable.class, e -> {
                    assertThat(e.retryAfterSeconds()).isEqualTo(AdmissionPublisher.RETRY_AFTER_SECONDS);
                    assertThat(e.getMessage()).contains("after " + AdmissionPublisher.ATTEMPTS + " attempts")
                            .doesNotContain("m-away");
                });
    }

    @Test
    void aFailureOfAnotherKindIsNotRepeated() {
        AtomicInteger sends = new AtomicInteger();
        AdmissionPublisher publisher = new AdmissionPublisher(cf, 1);
        assertThatThrownBy(() -> publisher.publish("agency.missing.inbound", s -> {
            sends.incrementAndGet();
            throw new jakarta.jms.JMSSecurityException("not allowed");
        })).isInstanceOf(org.springframework.jms.JmsSecurityException.class);
        assertThat(sends).hasValue(1);
    }

    private java.util.List<String> drain() throws Exception {
        try (Connection c = cf.createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = s.createConsumer(s.createQueue(ADDRESS));
            java.util.List<String> got = new java.util.ArrayList<>();
            for (TextMessage m; (m = (TextMessage) consumer.receive(2000)) != null; ) {
                got.add(m.getText());
            }
            return got;
        }
    }

    /**
     * A connection factory whose first transacted commit ends as after a failover mid-commit (AMQ219031): the
     * commit either reached the journal or was rolled back, and the client is told only that the outcome is unknown.
     */
    private static jakarta.jms.ConnectionFactory commitFailingOnce(jakarta.jms.ConnectionFactory real, boolean stored,
                                                                   AtomicInteger commits) {
        return proxy(jakarta.jms.ConnectionFactory.class, real, (target, method, args) -> {
            Object result = method.invoke(target, args);
            return result instanceof Connection connection ? proxy(Connection.class, connection, (c, m, a) -> {
                Object r = m.invoke(c, a);
                return r instanceof Session session ? proxy(Session.class, session, (ss, sm, sa) -> {
                    if (sm.getName().equals("commit") && commits.incrementAndGet() == 1) {
                        if (stored) {
                            ss.commit();
                        } else {
                            ss.rollback();
                        }
                        var e = new jakarta.jms.TransactionRolledBackException("AMQ219031: outcome unknown");
                        e.setLinkedException(new ActiveMQTransactionOutcomeUnknownException("outcome unknown"));
                        throw e;
                    }
                    return sm.invoke(ss, sa);
                }) : r;
            }) : result;
        });
    }

    /** Told the number of sessions asked for so far (this one included) before each {@code createSession}. */
    interface SessionWatch {
        void before(int sessionsAsked) throws jakarta.jms.JMSException;
    }

    /** {@code real} whose connections call {@code watch} before every {@code createSession}. */
    private static jakarta.jms.ConnectionFactory onCreateSession(jakarta.jms.ConnectionFactory real, SessionWatch watch) {
        AtomicInteger asked = new AtomicInteger();
        return proxy(jakarta.jms.ConnectionFactory.class, real, (target, m, a) -> {
            Object result = m.invoke(target, a);
            return result instanceof Connection connection ? proxy(Connection.class, connection, (c, cm, ca) -> {
                if (cm.getName().equals("createSession")) {
                    watch.before(asked.incrementAndGet());
                }
                return cm.invoke(c, ca);
            }) : result;
        });
    }

    interface Call<T> {
        Object call(T target, java.lang.reflect.Method method, Object[] args) throws Throwable;
    }

    private static <T> T proxy(Class<T> type, T target, Call<T> call) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, m, a) -> {
            try {
                return call.call(target, m, a);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }

    private static jakarta.jms.Message message(Session s, String id) throws jakarta.jms.JMSException {
        TextMessage m = s.createTextMessage(id);
        m.setStringProperty("_AMQ_DUPL_ID", "source:" + id);
        return m;
    }
}
