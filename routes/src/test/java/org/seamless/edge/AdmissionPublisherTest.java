package org.seamless.edge;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The edge's publish against a real in-VM Artemis whose address pages from the first byte: each
 * message is stored once, and a second publish with the same duplicate id is reported as already
 * stored instead of failing the sender or storing a second copy.
 */
class AdmissionPublisherTest {
    private static final String ADDRESS = "agency.test.inbound";
    private static int vmIds = 900;

    @TempDir
    Path dir;
    private EmbeddedActiveMQ broker;
    private ActiveMQConnectionFactory cf;

    @BeforeEach
    void start() throws Exception {
        int vm = vmIds++;
        Configuration config = new ConfigurationImpl().setPersistenceEnabled(true).setSecurityEnabled(false)
                .setJournalDirectory(dir.resolve("journal").toString())
                .setBindingsDirectory(dir.resolve("bindings").toString())
                .setPagingDirectory(dir.resolve("paging").toString())
                .setLargeMessagesDirectory(dir.resolve("large").toString());
        config.addAcceptorConfiguration("in-vm", "vm://" + vm);
        config.addAddressSetting("#", new AddressSettings().setMaxSizeBytes(1)
                .setAddressFullMessagePolicy(AddressFullMessagePolicy.PAGE));
        config.addQueueConfiguration(QueueConfiguration.of(ADDRESS).setRoutingType(RoutingType.ANYCAST));
        broker = new EmbeddedActiveMQ().setConfiguration(config);
        broker.start();
        cf = new ActiveMQConnectionFactory("vm://" + vm);
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

    private static jakarta.jms.Message message(Session s, String id) throws jakarta.jms.JMSException {
        TextMessage m = s.createTextMessage(id);
        m.setStringProperty("_AMQ_DUPL_ID", "source:" + id);
        return m;
    }
}
