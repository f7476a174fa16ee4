package org.seamless.edge;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.util.UUID;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.hl7.fhir.r4.model.Bundle;
import org.seamless.app.broker.BrokerUsers;
import org.seamless.mappings.canonical.BrokerHeaders;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.testsupport.TestEnvironment;

/**
 * Puts a canonical message on an agency's outbound address as the privacy chain's broker user
 * would, over the real broker's TCP acceptor, so a sink can be driven on its own.
 */
final class OutboundPublisher {
    private final TestEnvironment env;
    private final BrokerUsers users;

    OutboundPublisher(TestEnvironment env, BrokerUsers users) {
        this.env = env;
        this.users = users;
    }

    /** Publishes with the chain's headers; {@code copy} varies the duplicate-detection id, as a second send of the same leg would. */
    void publish(String recipient, Bundle message, int generation, String copy) throws JMSException {
        String messageId = MessageBundles.messageId(message).orElseThrow();
        ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + env.brokerPort(),
                BrokerUsers.HUB, users.password(BrokerUsers.HUB));
        cf.setBlockOnDurableSend(true);
        try (cf; Connection c = cf.createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue("agency." + recipient + ".outbound"));
            Message m = s.createTextMessage(MessageBundles.toJson(message));
            m.setStringProperty(BrokerHeaders.MESSAGE_ID, messageId);
            m.setStringProperty(BrokerHeaders.EVENT, MessageBundles.header(message).orElseThrow().getEventCoding().getCode());
            m.setStringProperty(BrokerHeaders.SOURCE_AGENCY, TestEnvironment.LA_CSV);
            m.setStringProperty(BrokerHeaders.RECIPIENT_AGENCY, recipient);
            m.setStringProperty(BrokerHeaders.REPLAY_GENERATION, Integer.toString(generation));
            m.setStringProperty(BrokerHeaders.DUPLICATE_ID, messageId + ":" + recipient + ":" + generation + copy);
            p.send(m);
        }
    }

    void publish(String recipient, Bundle message) throws JMSException {
        publish(recipient, message, 0, "");
    }

    /** A second send of a message already sent (a new duplicate-detection id, so the broker lets it through). */
    void publishAgain(String recipient, Bundle message) throws JMSException {
        publish(recipient, message, 0, ":" + UUID.randomUUID());
    }
}
