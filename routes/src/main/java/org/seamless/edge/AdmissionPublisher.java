package org.seamless.edge;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.ActiveMQExceptionType;
import org.springframework.jms.JmsException;
import org.springframework.jms.connection.CachingConnectionFactory;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.jms.core.MessageCreator;

/**
 * Publishes an accepted message to its inbound address in a broker transaction of its own, so the
 * message and its duplicate-detection id are stored together or not at all, and a duplicate is
 * reported to the gate instead of being dropped without a word (a non-transacted send with a
 * duplicate id that the broker already holds "succeeds" and stores nothing).
 * <p>A commit refused because the duplicate id is already stored means an earlier attempt was
 * committed (the process died before the receipt was written): the message is in the broker.
 */
final class AdmissionPublisher {
    /** What became of one publish. */
    enum Outcome { STORED, ALREADY_STORED }

    private final JmsTemplate template;

    AdmissionPublisher(ConnectionFactory connectionFactory) {
        JmsTemplate t = new JmsTemplate(new CachingConnectionFactory(connectionFactory));
        t.setExplicitQosEnabled(true);
        t.setDeliveryPersistent(true);
        // why: a local transaction per send; JmsTemplate commits it before send() returns
        t.setSessionTransacted(true);
        this.template = t;
    }

    Outcome publish(String address, MessageCreator creator) {
        try {
            template.send(address, creator);
            return Outcome.STORED;
        } catch (JmsException e) {
            if (duplicateIdRejected(e)) {
                return Outcome.ALREADY_STORED;
            }
            throw e;
        }
    }

    static boolean duplicateIdRejected(Throwable e) {
        for (Throwable t = e; t != null; t = next(t)) {
            if (t instanceof ActiveMQException a && a.getType() == ActiveMQExceptionType.DUPLICATE_ID_REJECTED) {
                return true;
            }
        }
        return false;
    }

    private static Throwable next(Throwable t) {
        if (t.getCause() != null && t.getCause() != t) {
            return t.getCause();
        }
        return t instanceof JMSException j ? j.getLinkedException() : null;
    }
}
