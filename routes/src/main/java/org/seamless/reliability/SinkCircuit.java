package org.seamless.reliability;

import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.throttling.ThrottlingExceptionRoutePolicy;

/**
 * Camel's exception-throttling route policy with the failure count the circuit's documentation
 * promises. Camel's own count only grows while the circuit is closed (a success does not reset it,
 * and only the latest failure must lie inside the window), so three transient failures days apart
 * would open a healthy sink's circuit. Here the count is {@link FailureWindow}'s.
 */
final class SinkCircuit extends ThrottlingExceptionRoutePolicy {
    private final List<Class<?>> transportFailures;
    private final FailureWindow window;

    SinkCircuit(int threshold, long windowMs, long halfOpenAfterMs, List<Class<?>> transportFailures) {
        super(threshold, windowMs, halfOpenAfterMs, transportFailures);
        this.transportFailures = transportFailures;
        this.window = new FailureWindow(threshold, windowMs);
    }

    @Override
    public void onExchangeDone(Route route, Exchange exchange) {
        if (exchange != null && transportFailures.stream().anyMatch(c -> exchange.getException(c) != null)) {
            window.failure(System.currentTimeMillis());
        } else if (exchange != null && exchange.getException() == null) {
            window.clear();
        }
        super.onExchangeDone(route, exchange);
    }

    @Override
    protected boolean isThresholdExceeded() {
        return window.reached(System.currentTimeMillis());
    }

    @Override
    protected void closeCircuit(Route route) {
        super.closeCircuit(route);
        window.clear();
    }

    /** Transport failures in a row inside the window, as the circuit counts them. */
    int recentFailures() {
        return window.count(System.currentTimeMillis());
    }
}
