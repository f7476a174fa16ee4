package org.seamless.ops.reliability;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.seamless.adapters.failure.DeliveryFailureClassifier;
import org.seamless.adapters.failure.FailureKind;
import org.seamless.adapters.failure.TransientDeliveryException;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.spi.AdapterContext;
import org.seamless.adapters.spi.DeliveryJournal;
import org.seamless.hub.alerts.OperatorAlerts;
import org.seamless.edge.AdapterRuntime;
import org.seamless.mappings.canonical.BrokerHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The outage policy of every sink, declared once as the route configuration every sink route uses
 * ({@link AdapterContext#SINK_ROUTE_CONFIGURATION}; {@link SinkCircuitBreakers} refuses to start a
 * sink route without it). A failure that {@link DeliveryFailureClassifier} calls transient does not
 * roll the broker transaction back (which would spend the message's retry budget and, after six,
 * dead-letter it): in the same transaction the message is put back on the agency's outbound address,
 * to be delivered again after the retry delay or the partner's {@code Retry-After}, carrying the time
 * it started waiting; the agency's circuit counts the failure. Once the agency's delivery deadline
 * (registry {@code delivery.deadline}, default 5 days) has passed, the message goes to the agency's
 * dead-letter address instead, with reason {@code deadline-passed}, recorded in the delivery record and
 * as the ledger's acknowledgement of its release. Any other failure rolls back as before (the broker
 * retries a few times, then dead-letters).
 */
@Component
public class SinkOutagePolicy {
    private static final Logger log = LoggerFactory.getLogger(SinkOutagePolicy.class);
    /** Broker property: when the message first failed transiently at its sink (epoch ms). */
    public static final String WAITING_SINCE = "SeamlessWaitingSince";
    /** Broker property on a message this policy dead-lettered: why. */
    public static final String DEAD_LETTER_REASON = "SeamlessDeadLetterReason";
    private static final String ORIGINAL_BODY = "SeamlessSinkOriginalBody";
    private static final String ORIGINAL_HEADERS = "SeamlessSinkOriginalHeaders";
    private static final String TARGET = "SeamlessSinkRequeueTo";
    /** The id of the policy's one send step (the chain guard allows exactly this step on sink routes). */
    public static final String PUT_BACK_STEP = "sink-outage-put-back";
    /** Its target: the sink agency's own outbound or dead-letter address, set by {@link #putBack}. */
    public static final String PUT_BACK_URI = "${exchangeProperty." + TARGET + "}";

    private final SinkCircuitBreakers circuits;
    private final DeliveryFailures failures;
    private final OperatorAlerts alerts;
    private final DeliveryJournal deliveries;
    private final DeliveryPolicyProperties props;
    private final Clock clock;
    private final boolean acknowledgeToLedger;
    private final Map<String, DeliveryJournal> journals = new ConcurrentHashMap<>();

    public SinkOutagePolicy(SinkCircuitBreakers circuits, DeliveryFailures failures, OperatorAlerts alerts,
                            DeliveryJournal deliveries, DeliveryPolicyProperties props, Clock clock,
                            @Value("${seamless.ledger.enabled:true}") boolean acknowledgeToLedger) {
        this.circuits = circuits;
        this.failures = failures;
        this.alerts = alerts;
        this.deliveries = deliveries;
        this.props = props;
        this.clock = clock;
        this.acknowledgeToLedger = acknowledgeToLedger;
    }

    /** The route configuration; the adapter runtime adds it to the context before any sink route. */
    public RoutesBuilder routeConfiguration() {
        return new RouteConfigurationBuilder() {
            @Override
            public void configuration() {
                routeConfiguration(AdapterContext.SINK_ROUTE_CONFIGURATION)
                        .onException(Exception.class)
                            .onWhen(e -> isTransient(e.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class)))
                            .handled(true)
                            .logHandled(false).logExhausted(false).logStackTrace(false)
                            .process(SinkOutagePolicy.this::putBack)
                            // why: the consumer's transacted connection, so the move commits with the consumption
                            .toD(PUT_BACK_URI).id(PUT_BACK_STEP)
                        .end();
            }
        };
    }

    static boolean isTransient(Throwable failure) {
        return failure != null && DeliveryFailureClassifier.ofException(failure) == FailureKind.TRANSIENT;
    }

    /** Called as each sink exchange begins: the body and headers as consumed, to put back unchanged. */
    static void keepOriginal(Exchange exchange) {
        Message m = exchange.getMessage();
        exchange.setProperty(ORIGINAL_BODY, m.getBody(String.class));
        exchange.setProperty(ORIGINAL_HEADERS, new HashMap<>(m.getHeaders()));
    }

    @SuppressWarnings("unchecked")
    private void putBack(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        AgencyConfig agency = circuits.agencyOfSink(exchange.getFromRouteId()).orElseThrow(() ->
                new IllegalStateException("the sink outage policy runs only on sink routes"));
        SinkCircuit circuit = circuits.circuit(agency.id());
        Message m = exchange.getMessage();
        Map<String, Object> original = exchange.getProperty(ORIGINAL_HEADERS, Map.class);
        if (original != null) {
            m.setHeaders(new HashMap<>(original));
        }
        m.setBody(exchange.getProperty(ORIGINAL_BODY, String.class));
        m.getHeaders().keySet().removeIf(h -> h.startsWith("_AMQ") || h.startsWith("JMS") || h.startsWith("Camel"));
        // why: the copy must not be refused as a duplicate of the message it replaces
        m.removeHeader(BrokerHeaders.DUPLICATE_ID);

        long now = clock.millis();
        long since = waitingSince(exchange, original, now);
        Duration deadline = agency.delivery().deadline().orElse(props.deadline());
        long deadlineAt = since + deadline.toMillis();
        String messageId = m.getHeader(BrokerHeaders.MESSAGE_ID, String.class);
        int generation = m.getHeader(BrokerHeaders.REPLAY_GENERATION, 0, Integer.class);
        String key = SinkCircuit.key(exchange);
        String reason = DeliveryFailures.reasonOf(failure);
        String component = AdapterRuntime.componentFor(agency);
        exchange.setProperty(SinkCircuit.WAITING, Boolean.TRUE);
        if (pastDeadline(since, now, deadline)) {
            failures.record(messageId, agency.id(), DeliveryJournal.DEADLINE_PASSED + " after " + reason);
            m.setHeader(DEAD_LETTER_REASON, DeliveryJournal.DEADLINE_PASSED);
            m.setHeader("_AMQ_ORIG_ADDRESS", agency.addresses().outbound());
            exchange.setProperty(TARGET, component + ":queue:" + agency.addresses().deadLetter());
            if (messageId != null) {
                journal(exchange, agency).deadlinePassed(agency.id(),
                        m.getHeader(BrokerHeaders.SOURCE_AGENCY, String.class), messageId, generation);
            }
            circuit.deadLettered(key);
            log.warn("delivery to agency {} dead-lettered: its deadline ({}) passed while it waited ({})", agency.id(),
                    deadline, failure.getClass().getSimpleName());
            alerts.raise(agency.id(), "delivery-deadline-passed", "message " + messageId + " waited for agency "
                    + agency.id() + " past its delivery deadline (" + deadline + ") and was dead-lettered, reason "
                    + DeliveryJournal.DEADLINE_PASSED + "; replay it once the agency's system is back");
            return;
        }
        long retryAfterMs = retryAfter(failure).map(Duration::toMillis).orElse(0L);
        if (messageId != null) {
            failures.record(messageId, agency.id(), failure);
        }
        circuit.transientFailure(key, deadlineAt, retryAfterMs);
        m.setHeader(WAITING_SINCE, since);
        m.setHeader("_AMQ_SCHED_DELIVERY", now + Math.max(props.retryDelayMs(), retryAfterMs));
        exchange.setProperty(TARGET, component + ":queue:" + agency.addresses().outbound());
        log.warn("delivery to agency {} waits (circuit {}): {}", agency.id(), circuit.state(), reason);
    }

    /**
     * Whether a message that has waited since {@code waitingSince} (epoch ms) is past its agency's
     * {@code deadline} at {@code now}: at such a transient failure it is dead-lettered, reason
     * {@code deadline-passed}; before it, it waits.
     */
    public static boolean pastDeadline(long waitingSince, long now, Duration deadline) {
        return now >= waitingSince + deadline.toMillis();
    }

    private static long waitingSince(Exchange exchange, Map<String, Object> original, long now) {
        Object since = original == null ? null : original.get(WAITING_SINCE);
        if (since == null) {
            since = original == null ? null : original.get("JMSTimestamp");
        }
        if (since instanceof Number n && n.longValue() > 0) {
            return Math.min(n.longValue(), now);
        }
        if (since instanceof String s) {
            try {
                return Math.min(Long.parseLong(s), now);
            } catch (NumberFormatException e) {
                return now;
            }
        }
        return now;
    }

    private static java.util.Optional<Duration> retryAfter(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TransientDeliveryException d) {
                return d.retryAfter();
            }
        }
        return java.util.Optional.empty();
    }

    private DeliveryJournal journal(Exchange exchange, AgencyConfig agency) {
        return journals.computeIfAbsent(agency.id(), id -> AdapterRuntime.journalFor(exchange.getContext(), agency,
                deliveries, acknowledgeToLedger));
    }
}
