package org.seamless.hub;

/** A message on an inbound address that the hub can never route; kept for inspection, not retried. */
public class UnroutableMessageException extends RuntimeException {
    public UnroutableMessageException(String message) {
        super(message);
    }
}
