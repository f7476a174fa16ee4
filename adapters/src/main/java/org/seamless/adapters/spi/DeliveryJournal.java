package org.seamless.adapters.spi;

/**
 * Where a sink reports what became of each message it handled: delivered to (or acknowledged by)
 * the agency's system, or refused by it as a business rejection (not retried). Keyed by
 * (source agency, message id, recipient agency, replay generation): message ids are unique per
 * source only (ADR 0036). Repeating a report is harmless.
 */
public interface DeliveryJournal {

    void delivered(String recipientAgency, String sourceAgency, String messageId, int replayGeneration, String detail);

    /** The agency's system refused the message; {@code reason} holds no personal values. */
    void refused(String recipientAgency, String sourceAgency, String messageId, int replayGeneration, String reason);
}
