package org.seamless.adapters.failure;

/**
 * A delivery attempt failed because our request or set-up is wrong ({@link FailureKind#FAULT}: e.g.
 * HTTP 401, 404 or 415, a SOAP {@code Client} fault): the broker retries it a few times, then moves
 * it to the agency's dead-letter address for the operator. The message text holds no personal values.
 */
public class DeliveryFaultException extends RuntimeException {
    public DeliveryFaultException(String message) {
        super(message);
    }
}
