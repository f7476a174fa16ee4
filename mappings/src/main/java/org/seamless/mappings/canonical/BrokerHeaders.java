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
    /** Artemis duplicate-detection property. */
    public static final String DUPLICATE_ID = "_AMQ_DUPL_ID";

    private BrokerHeaders() {
    }
}
