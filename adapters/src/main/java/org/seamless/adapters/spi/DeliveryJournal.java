package org.seamless.adapters.spi;

/**
 * Where a sink reports what became of each message it handled: delivered to (or acknowledged by)
 * the agency's system, or refused by it as a business rejection (not retried). Keyed by
 * (message id, recipient agency, replay generation); repeating a report is harmless.
 */
public interface DeliveryJournal {

    void delivered(String recipientAgency, String messageId, int replayGeneration, String detail);

    /** The agency's system refused the message; {@code reason} holds no personal values. */
    void refused(String recipientAgency, String messageId, int replayGeneration, String reason);
}
