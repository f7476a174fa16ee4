package org.seamless.adapters.failure;

import java.time.Duration;
import java.util.Optional;

/**
 * A delivery attempt failed because the partner is away or busy ({@link FailureKind#TRANSIENT}). Every
 * sink throws this (or a subclass) for such failures, and the runtime's one outage policy handles it
 * for all sink types: the message waits in the agency's queue without spending its retry budget,
 * the agency's circuit counts it, and {@link #retryAfter()} (the partner's {@code Retry-After}) is honoured.
 * The message text holds no personal values.
 */
public class TransientDeliveryException extends RuntimeException {
    private final transient Duration retryAfter;

    public TransientDeliveryException(String message, Throwable cause) {
        this(message, cause, null);
    }

    public TransientDeliveryException(String message, Throwable cause, Duration retryAfter) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    /** How long the partner asked us to wait, when it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
