package org.seamless.edge;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import java.util.EnumSet;
import java.util.Set;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.ActiveMQExceptionType;
import org.seamless.adapters.spi.InboundGate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * <p>A publish that fails because the broker is away (down, failing over to its backup, or full) is sent
 * again, up to {@value #ATTEMPTS} attempts: a commit whose outcome the failover left unknown (AMQ219031) may
 * have been stored, and the repeat then meets the duplicate id and is reported as already stored, so a
 * failover costs the sender a short wait, not an error. When every attempt fails, {@link InboundGate.Unavailable}
 * tells the edge to answer "try again later"; any other failure (a refused permission, say) is not repeated.
 */
final class AdmissionPublisher {
    /** What became of one publish. */
    enum Outcome { STORED, ALREADY_STORED }

    static final int ATTEMPTS = 3;
    /** Sessions kept for reuse: at least the edge's usual number of concurrent publishers. */
    static final int SESSION_CACHE_SIZE = 16;
    /** What the edge tells a sender to wait before sending again when the broker stays away. */
    static final long RETRY_AFTER_SECONDS = 5;
    private static final Logger log = LoggerFactory.getLogger(AdmissionPublisher.class);
    /** The broker's failures that say "not now" rather than "never": the connection, a failover, a full address. */
    private static final Set<ActiveMQExceptionType> AWAY = EnumSet.of(ActiveMQExceptionType.TRANSACTION_OUTCOME_UNKNOWN,
            ActiveMQExceptionType.TRANSACTION_ROLLED_BACK, ActiveMQExceptionType.UNBLOCKED,
            ActiveMQExceptionType.NOT_CONNECTED, ActiveMQExceptionType.CONNECTION_TIMEDOUT,
            ActiveMQExceptionType.DISCONNECTED, ActiveMQExceptionType.REMOTE_DISCONNECT,
            ActiveMQExceptionType.OBJECT_CLOSED, ActiveMQExceptionType.SESSION_CREATION_REJECTED,
            ActiveMQExceptionType.ADDRESS_FULL, ActiveMQExceptionType.IO_ERROR, ActiveMQExceptionType.SHUTDOWN_ERROR,
            ActiveMQExceptionType.REPLICATION_TIMEOUT_ERROR);

    private final JmsTemplate template;
    private final long pauseMillis;

    AdmissionPublisher(ConnectionFactory connectionFactory) {
        this(connectionFactory, 250);
    }

    AdmissionPublisher(ConnectionFactory connectionFactory, long pauseMillis) {
        this.pauseMillis = pauseMillis;
        CachingConnectionFactory caching = new CachingConnectionFactory(connectionFactory);
        // why: one cached transacted session (and its producer) per concurrent edge thread; with the default
        // of one, every concurrent publish opened and closed a broker session of its own (ADR 0086)
        caching.setSessionCacheSize(SESSION_CACHE_SIZE);
        JmsTemplate t = new JmsTemplate(caching);
        t.setExplicitQosEnabled(true);
        t.setDeliveryPersistent(true);
        // why: a local transaction per send; JmsTemplate commits it before send() returns
        t.setSessionTransacted(true);
        this.template = t;
    }

    Outcome publish(String address, MessageCreator creator) {
        String away = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                template.send(address, creator);
                return Outcome.STORED;
            } catch (JmsException e) {
                if (duplicateIdRejected(e)) {
                    return Outcome.ALREADY_STORED;
                }
                away = away(e);
                if (away == null) {
                    throw e;
                }
                log.warn("publish to {} failed ({}), attempt {} of {}", address, away, attempt, ATTEMPTS);
                if (attempt < ATTEMPTS) {
                    pause(attempt);
                } else {
                    throw new InboundGate.Unavailable("the broker could not store the message (" + away + " after "
                            + ATTEMPTS + " attempts); nothing was accepted", RETRY_AFTER_SECONDS, e);
                }
            }
        }
        throw new IllegalStateException("unreachable");
    }

    private void pause(int attempt) {
        try {
            Thread.sleep(pauseMillis * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InboundGate.Unavailable("interrupted while waiting for the broker", RETRY_AFTER_SECONDS, e);
        }
    }

    /**
     * The broker's "not now" failure type in the cause chain, or null when the failure is of another kind. A
     * connection or session the failure closed under the cached template (JMS {@code IllegalStateException},
     * which carries no broker type) is one too: the caching factory opens a new connection for the next attempt.
     */
    static String away(Throwable e) {
        for (Throwable t = e; t != null; t = next(t)) {
            if (t instanceof ActiveMQException a && AWAY.contains(a.getType())) {
                return a.getType().name();
            }
            if (t instanceof jakarta.jms.IllegalStateException) {
                return "CONNECTION_CLOSED";
            }
        }
        return null;
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
