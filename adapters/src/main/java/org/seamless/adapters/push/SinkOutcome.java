package org.seamless.adapters.push;

import org.apache.camel.Message;
import org.seamless.adapters.spi.DeliveryJournal;
import org.seamless.mappings.canonical.BrokerHeaders;

/**
 * What became of a pushed message once the agency system answered: delivered, or refused as a
 * business rejection (consumed, not retried). {@code detail} holds no personal values.
 */
public record SinkOutcome(boolean delivered, String detail) {

    public static SinkOutcome delivered(String detail) {
        return new SinkOutcome(true, detail);
    }

    public static SinkOutcome refused(String reason) {
        return new SinkOutcome(false, reason);
    }

    /** Records the outcome against the message's source, id and replay generation (from the broker headers). */
    public void report(DeliveryJournal journal, String recipientAgency, Message message) {
        String messageId = message.getHeader(BrokerHeaders.MESSAGE_ID, String.class);
        String source = message.getHeader(BrokerHeaders.SOURCE_AGENCY, String.class);
        int generation = message.getHeader(BrokerHeaders.REPLAY_GENERATION, 0, Integer.class);
        if (delivered) {
            journal.delivered(recipientAgency, source, messageId, generation, detail);
        } else {
            journal.refused(recipientAgency, source, messageId, generation, detail);
        }
    }
}
