package org.seamless.ops.replay;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.app.broker.BrokerConnections;
import org.seamless.app.broker.BrokerUsers;
import org.seamless.mappings.canonical.BrokerHeaders;
import org.seamless.ops.reliability.DeliveryFailures;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * An agency's dead-letter address as operators see it, browsed (not consumed) as the operator broker
 * user: routing facts only (message id, event, replay generation, delivery count) with the last failure
 * from {@code delivery_failure}, never a body. Used by the operator API and the console.
 */
@Component
@ConditionalOnProperty(name = "seamless.run-hub", havingValue = "true", matchIfMissing = true)
public class DeadLetters {
    /** The most messages one listing shows. */
    public static final int MAX = 500;

    private final BrokerConnections connections;
    private final DeliveryFailures failures;

    public DeadLetters(BrokerConnections connections, DeliveryFailures failures) {
        this.connections = connections;
        this.failures = failures;
    }

    /** One parked message; {@code lastFailure} and the fields after it are null when none was recorded. */
    public record DeadLetter(String messageId, String event, Object replayGeneration, Integer deliveryCount,
                             String originalAddress, Instant parkedAt, Integer failedAttempts, String lastFailure,
                             Instant lastFailedAt) {
    }

    /** The agency's dead letters, oldest first, at most {@link #MAX}. */
    public List<DeadLetter> list(AgencyConfig agency) throws JMSException {
        List<DeadLetter> items = new ArrayList<>();
        try (var connection = connections.connectionFactory(BrokerUsers.OPERATOR).createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            connection.start();
            try (QueueBrowser browser = session.createBrowser(session.createQueue(agency.addresses().deadLetter()))) {
                for (Object o : Collections.list(browser.getEnumeration())) {
                    if (items.size() >= MAX) {
                        break;
                    }
                    items.add(view((Message) o, agency));
                }
            }
        }
        return items;
    }

    /** One dead letter of the agency by message id (the first, if a message was parked twice). */
    public Optional<DeadLetter> find(AgencyConfig agency, String messageId) throws JMSException {
        return list(agency).stream().filter(d -> messageId.equals(d.messageId())).findFirst();
    }

    /**
     * Takes every copy of the message out of the agency's dead-letter address (after a replay sent a new
     * generation, the parked one is settled); returns how many were removed.
     */
    public int remove(AgencyConfig agency, String messageId) throws JMSException {
        int removed = 0;
        try (var connection = connections.connectionFactory(BrokerUsers.OPERATOR).createConnection()) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            connection.start();
            String selector = BrokerHeaders.MESSAGE_ID + " = '" + messageId.replace("'", "''") + "'";
            try (MessageConsumer consumer = session.createConsumer(session.createQueue(agency.addresses().deadLetter()),
                    selector)) {
                while (consumer.receive(removed == 0 ? 500 : 100) != null) {
                    removed++;
                }
            }
            session.commit();
        }
        return removed;
    }

    private DeadLetter view(Message m, AgencyConfig agency) throws JMSException {
        String id = m.getStringProperty(BrokerHeaders.MESSAGE_ID);
        Optional<DeliveryFailures.Failure> f = failures.last(id == null ? "" : id, agency.id());
        return new DeadLetter(id, m.getStringProperty(BrokerHeaders.EVENT),
                m.propertyExists(BrokerHeaders.REPLAY_GENERATION) ? m.getObjectProperty(BrokerHeaders.REPLAY_GENERATION) : 0,
                m.propertyExists("JMSXDeliveryCount") ? m.getIntProperty("JMSXDeliveryCount") : null,
                m.getStringProperty("_AMQ_ORIG_ADDRESS"),
                m.getJMSTimestamp() == 0 ? null : Instant.ofEpochMilli(m.getJMSTimestamp()),
                f.map(DeliveryFailures.Failure::attempts).orElse(null), f.map(DeliveryFailures.Failure::reason).orElse(null),
                f.map(DeliveryFailures.Failure::at).orElse(null));
    }
}
