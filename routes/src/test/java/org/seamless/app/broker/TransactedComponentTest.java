package org.seamless.app.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seamless.adapters.registry.AgencyRegistry;
import org.seamless.testsupport.TestBrokers;

/**
 * The transacted component every hub and adapter route consumes with ({@link BrokerConnections}), against a
 * real in-VM Artemis: what a route sends while it handles a message commits and rolls back with the
 * message's consume (a message that always fails leaves nothing sent, however often it was tried), and its
 * consumers never hold a message back: with two consumers that keep timing out between messages, each of
 * many messages sent one at a time is handled. (ADR 0098: consumers kept between messages passed both and
 * still lost messages under SIGKILL; the crash test, not this one, is the proof of that.)
 */
class TransactedComponentTest {
    @TempDir
    Path dir;
    private EmbeddedActiveMQ broker;
    private CamelContext camel;

    @BeforeEach
    void start() throws Exception {
        TestBrokers.Broker test = TestBrokers.persistent(dir);
        Configuration config = test.config();
        config.addAddressSetting("#", new AddressSettings().setMaxDeliveryAttempts(3).setExpiryAddress(SimpleString.of("dead"))
                .setRedeliveryDelay(0).setDeadLetterAddress(SimpleString.of("dead")));
        for (String q : List.of("in", "out", "dead")) {
            config.addQueueConfiguration(QueueConfiguration.of(q).setRoutingType(RoutingType.ANYCAST));
        }
        broker = new EmbeddedActiveMQ().setConfiguration(config);
        broker.start();
        BrokerUsers users = BrokerUsers.from(new AgencyRegistry(List.of()), Map.of(), true);
        camel = new DefaultCamelContext();
        var jms = new BrokerConnections(test.url(), users).transactedComponent(BrokerUsers.HUB, 2);
        // why short: consumers time out between messages again and again, where a consumer could strand one
        jms.getConfiguration().setReceiveTimeout(20);
        camel.addComponent("tx", jms);
    }

    @AfterEach
    void stop() throws Exception {
        camel.stop();
        broker.stop();
    }

    @Test
    void whatARouteSendsCommitsAndRollsBackWithTheMessageItConsumed() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("tx:queue:in").routeId("step")
                        .to("tx:queue:out")
                        .process(e -> {
                            if ("fails".equals(e.getMessage().getBody(String.class))) {
                                attempts.incrementAndGet();
                                throw new IllegalStateException("the step fails after its send");
                            }
                        });
            }
        });
        camel.start();
        var producer = camel.createProducerTemplate();
        producer.sendBody("tx:queue:in", "fails");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> count("dead") == 1);
        producer.sendBody("tx:queue:in", "completes");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> count("out") == 1 && count("in") == 0);

        assertThat(attempts.get()).as("tried as often as the broker allows").isEqualTo(3);
        assertThat(count("out")).as("only the completed step's send, none of the failed one's three").isEqualTo(1);
    }

    @Test
    void consumersKeptBetweenMessagesHoldNoneBack() throws Exception {
        AtomicInteger handled = new AtomicInteger();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("tx:queue:in").routeId("step").process(e -> handled.incrementAndGet());
            }
        });
        camel.start();
        var producer = camel.createProducerTemplate();
        for (int i = 1; i <= 40; i++) {
            producer.sendBody("tx:queue:in", "m-" + i);
            int expected = i;
            // a message stranded in a consumer's buffer would never be handled while that consumer waits
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> handled.get() == expected);
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> count("in") == 0);
        assertThat(queue("in").getDeliveringCount()).isZero();
    }

    private long count(String name) {
        return queue(name).getMessageCount();
    }

    private Queue queue(String name) {
        return broker.getActiveMQServer().locateQueue(SimpleString.of(name));
    }
}
