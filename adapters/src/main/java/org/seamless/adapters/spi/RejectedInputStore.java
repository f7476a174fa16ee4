package org.seamless.adapters.spi;

/**
 * Keeps input that an edge rejected, so an operator can inspect it; nothing rejected is dropped.
 * The payload is personal data at rest: implementations restrict and expire it.
 */
public interface RejectedInputStore {

    /**
     * Keeps a rejected input.
     *
     * @return the reference quoted back to the sender and shown to operators
     */
    String keep(Rejection rejection);

    /** What was rejected, from whom, at which edge, and why (the reason holds no personal values). */
    record Rejection(String sourceAgency, String edge, String reasonCode, String reason, String messageId,
                     String contentType, byte[] payload) {
    }
}
