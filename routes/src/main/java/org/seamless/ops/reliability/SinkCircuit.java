package org.seamless.ops.reliability;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.support.RoutePolicySupport;
import org.seamless.mappings.canonical.BrokerHeaders;

/**
 * One agency's circuit, on its sink route. The outage policy ({@link SinkOutagePolicy}) reports each
 * transient failure here; after {@code threshold} in a row within the window ({@link FailureWindow}),
 * or at once when the partner sent {@code Retry-After}, the circuit opens and the route's consumer is
 * suspended, so the agency's messages wait in its queue and spend nothing. {@link #tick} (the
 * breakers' timer) probes the partner once the circuit's wait is over; when it answers, the circuit
 * closes and the consumer resumes. When the probe fails but a waiting message's deadline has passed,
 * the circuit goes half-open so that message can be dead-lettered; a transient failure then reopens it.
 * <p>It also keeps what the operator alerts need: when the agency last had a successful delivery,
 * and which messages wait after a transient failure, with their deadlines (in memory; after a
 * restart a message is counted again at its next failure, its deadline travels with it).
 */
final class SinkCircuit extends RoutePolicySupport {
    enum State { CLOSED, OPEN, HALF_OPEN }

    /** Exchange property set by the outage policy on an exchange whose message was put back to wait. */
    static final String WAITING = "SeamlessDeliveryWaiting";

    private final String agencyId;
    private final FailureWindow window;
    private final long halfOpenAfterMs;
    private final LongSupplier clock;
    private final Map<String, Long> waiting = new ConcurrentHashMap<>();
    private volatile Route route;
    private volatile State state = State.CLOSED;
    private volatile long openedAt;
    private volatile long reopenAt;
    private volatile boolean suspendRequested;
    private volatile long lastSuccessAt;
    private volatile long waitingSince;
    private volatile boolean stallAlerted;
    /** Opened by a person: stays open (no probe closes it) until a person closes it. */
    private volatile boolean heldOpen;
    private final Map<String, Boolean> deadlineWarned = new ConcurrentHashMap<>();

    SinkCircuit(String agencyId, int threshold, long windowMs, long halfOpenAfterMs, LongSupplier clock) {
        this.agencyId = agencyId;
        this.window = new FailureWindow(threshold, windowMs);
        this.halfOpenAfterMs = halfOpenAfterMs;
        this.clock = clock;
        this.lastSuccessAt = clock.getAsLong();
    }

    @Override
    public void onInit(Route route) {
        this.route = route;
    }

    @Override
    public void onExchangeBegin(Route route, Exchange exchange) {
        SinkOutagePolicy.keepOriginal(exchange);
    }

    @Override
    public void onExchangeDone(Route route, Exchange exchange) {
        String key = key(exchange);
        if (!Boolean.TRUE.equals(exchange.getProperty(WAITING, Boolean.class))) {
            if (key != null) {
                waiting.remove(key);
                deadlineWarned.remove(key);
            }
            if (!exchange.isFailed() && exchange.getProperty(Exchange.EXCEPTION_CAUGHT) == null) {
                succeeded();
            }
        }
        if (suspendRequested) {
            suspendIfStillOpen();
        }
    }

    // why synchronized: the timer may close the circuit (and resume) while this thread is about to suspend
    private synchronized void suspendIfStillOpen() {
        suspendRequested = false;
        if (state == State.OPEN && route != null) {
            try {
                suspendOrStopConsumer(route.getConsumer());
            } catch (Exception e) {
                handleException(e);
            }
        }
    }

    /** A delivery attempt succeeded (or the partner answered with a refusal): the partner is there. */
    synchronized void succeeded() {
        window.clear();
        lastSuccessAt = clock.getAsLong();
        stallAlerted = false;
        if (state == State.HALF_OPEN) {
            state = State.CLOSED;
        }
    }

    /** A transient failure of the message {@code key}, which now waits until {@code deadlineAt}. */
    synchronized void transientFailure(String key, long deadlineAt, long retryAfterMs) {
        long now = clock.getAsLong();
        if (key != null) {
            if (waiting.isEmpty()) {
                waitingSince = now;
            }
            waiting.put(key, deadlineAt);
        }
        window.failure(now);
        if (state == State.HALF_OPEN || retryAfterMs > 0 || window.reached(now)) {
            open(now, Math.max(retryAfterMs, halfOpenAfterMs));
        }
    }

    /** The message {@code key} left the queue for the dead-letter address. */
    void deadLettered(String key) {
        if (key != null) {
            waiting.remove(key);
            deadlineWarned.remove(key);
        }
    }

    private void open(long now, long waitMs) {
        if (state != State.OPEN) {
            state = State.OPEN;
            openedAt = now;
            suspendRequested = true;
            reopenAt = now + waitMs;
        } else {
            reopenAt = Math.max(reopenAt, now + waitMs);
        }
    }

    /**
     * A person opens the circuit (the partner asked for a pause, or is known to be down): the consumer
     * stops now and stays stopped, whatever the probe says, until {@link #closeByHand()}.
     */
    synchronized void openByHand() {
        heldOpen = true;
        long now = clock.getAsLong();
        if (state != State.OPEN) {
            state = State.OPEN;
            openedAt = now;
        }
        suspendRequested = false;
        if (route != null) {
            try {
                suspendOrStopConsumer(route.getConsumer());
            } catch (Exception e) {
                handleException(e);
            }
        }
    }

    /**
     * A person closes the circuit: the failure count starts afresh and the consumer resumes at once, so
     * waiting messages are tried now (a failure then counts towards opening it again as usual).
     */
    synchronized void closeByHand() {
        heldOpen = false;
        state = State.CLOSED;
        window.clear();
        suspendRequested = false;
        if (route != null) {
            try {
                resumeOrStartConsumer(route.getConsumer());
            } catch (Exception e) {
                handleException(e);
            }
        }
    }

    /** True while a person holds the circuit open. */
    boolean heldOpen() {
        return heldOpen;
    }

    /** The breakers' timer: once an open circuit's wait is over, probe the partner (never with a message). */
    void tick(java.util.function.BooleanSupplier probe) {
        long now = clock.getAsLong();
        if (state != State.OPEN || now < reopenAt || heldOpen) {
            return;
        }
        boolean up = probe.getAsBoolean();
        synchronized (this) {
            if (state != State.OPEN || heldOpen) {
                return;
            }
            if (up) {
                state = State.CLOSED;
                window.clear();
            } else if (waiting.values().stream().anyMatch(d -> d <= now)) {
                state = State.HALF_OPEN; // why: let the messages whose deadline passed be dead-lettered
            } else {
                reopenAt = now + halfOpenAfterMs;
                return;
            }
            suspendRequested = false;
            if (route == null) {
                return;
            }
            try {
                resumeOrStartConsumer(route.getConsumer());
            } catch (Exception e) {
                handleException(e);
            }
        }
    }

    State state() {
        return state;
    }

    long openedAt() {
        return state == State.CLOSED ? 0 : openedAt;
    }

    int recentFailures() {
        return window.count(clock.getAsLong());
    }

    String agencyId() {
        return agencyId;
    }

    /** Messages waiting after a transient failure, with their deadlines (epoch ms). */
    Map<String, Long> waiting() {
        return Map.copyOf(waiting);
    }

    /** Since when no delivery has succeeded while messages wait; 0 when none wait. */
    long stalledSince() {
        return waiting.isEmpty() ? 0 : Math.max(lastSuccessAt, waitingSince);
    }

    /** True once per stall: the caller raises the "no delivery" alert. */
    synchronized boolean claimStallAlert() {
        if (stallAlerted) {
            return false;
        }
        stallAlerted = true;
        return true;
    }

    /** True once per waiting message: the caller raises the "nearing its deadline" alert. */
    boolean claimDeadlineWarning(String key) {
        return waiting.containsKey(key) && deadlineWarned.putIfAbsent(key, Boolean.TRUE) == null;
    }

    static String key(Exchange exchange) {
        String id = exchange.getMessage().getHeader(BrokerHeaders.MESSAGE_ID, String.class);
        if (id == null) {
            return null;
        }
        return id + ":" + exchange.getMessage().getHeader(BrokerHeaders.REPLAY_GENERATION, "0", String.class);
    }
}
