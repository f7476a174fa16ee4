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

    /** The reason recorded when a message is dead-lettered because its delivery deadline passed. */
    String DEADLINE_PASSED = "deadline-passed";

    /**
     * The agency's system stayed unreachable (transient failures only) until the message's delivery
     * deadline passed: the message was moved to the agency's dead-letter address, reason
     * {@link #DEADLINE_PASSED}. Only the runtime's outage policy reports this.
     */
    default void deadlinePassed(String recipientAgency, String sourceAgency, String messageId,
                                int replayGeneration) {
        throw new UnsupportedOperationException("this delivery journal does not record passed deadlines");
    }

    /**
     * The transport accepted the message but could not deliver it in the end (MESH: a non-delivery report,
     * or the recipient did not collect it within 5 days): a delivery failure, not retried automatically
     * (ADR 0077). {@code reason} holds no personal values.
     */
    default void undeliverable(String recipientAgency, String sourceAgency, String messageId, int replayGeneration,
                               String reason) {
        throw new UnsupportedOperationException("this delivery journal does not record undeliverable messages");
    }
}
