package org.seamless.mappings.canonical;

/**
 * Names of the broker message properties Seamless sets. They carry routing facts only
 * (identifiers, event code, agency ids), never personal data.
 */
public final class BrokerHeaders {
    public static final String MESSAGE_ID = "SeamlessMessageId";
    public static final String EVENT = "SeamlessEvent";
    public static final String SOURCE_AGENCY = "SeamlessSourceAgency";
    public static final String RECIPIENT_AGENCY = "SeamlessRecipientAgency";
    public static final String CORRELATION_ID = "SeamlessCorrelationId";
    public static final String REPLAY_GENERATION = "SeamlessReplayGeneration";
    /**
     * The JMS message group: a bucket of the subject's NHS number, never the number, so that the broker hands one
     * person's messages to one consumer at a time, in the order sent (ADR 0100).
     */
    public static final String ORDER_GROUP = "JMSXGroupID";
    /** Artemis duplicate-detection property. */
    public static final String DUPLICATE_ID = "_AMQ_DUPL_ID";

    private BrokerHeaders() {
    }
}
