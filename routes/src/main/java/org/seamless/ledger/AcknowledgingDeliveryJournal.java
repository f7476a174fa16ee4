package org.seamless.ledger;

import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.seamless.adapters.spi.DeliveryJournal;
import org.seamless.mappings.canonical.BrokerHeaders;

/**
 * An adapter's delivery journal that also tells the hub: besides the adapter's own record, it
 * sends an acknowledgement message to the agency's own inbound address (the only address its
 * broker user may send to), carrying routing facts only. The send uses the adapter's transacted
 * component on the consuming thread, so it commits or rolls back with the outbound message. A
 * repeated acknowledgement (a sink's duplicate path) is harmless: the hub's append is idempotent.
 * See ADR 0009.
 */
public class AcknowledgingDeliveryJournal implements DeliveryJournal {
    /** Broker property marking an acknowledgement; its value is DELIVERED, REFUSED, DEADLINE_PASSED or UNDELIVERABLE. */
    public static final String ACK_STATE = "SeamlessDeliveryAck";

    private final DeliveryJournal local;
    private final CamelContext camel;
    private final String endpoint;
    private volatile ProducerTemplate producer;

    public AcknowledgingDeliveryJournal(DeliveryJournal local, CamelContext camel, String endpoint) {
        this.local = local;
        this.camel = camel;
        this.endpoint = endpoint;
    }

    @Override
    public void delivered(String recipient, String source, String messageId, int generation, String detail) {
        local.delivered(recipient, source, messageId, generation, detail);
        acknowledge(recipient, source, messageId, generation, "DELIVERED");
    }

    @Override
    public void refused(String recipient, String source, String messageId, int generation, String reason) {
        local.refused(recipient, source, messageId, generation, reason);
        acknowledge(recipient, source, messageId, generation, "REFUSED");
    }

    @Override
    public void deadlinePassed(String recipient, String source, String messageId, int generation) {
        local.deadlinePassed(recipient, source, messageId, generation);
        acknowledge(recipient, source, messageId, generation, "DEADLINE_PASSED");
    }

    @Override
    public void undeliverable(String recipient, String source, String messageId, int generation, String reason) {
        local.undeliverable(recipient, source, messageId, generation, reason);
        acknowledge(recipient, source, messageId, generation, "UNDELIVERABLE");
    }

    private void acknowledge(String recipient, String source, String messageId, int generation, String state) {
        Map<String, Object> headers = new java.util.HashMap<>();
        // why: the message's source too, so the hub matches the right release when two senders share an id
        if (source != null) {
            headers.put(BrokerHeaders.SOURCE_AGENCY, source);
        }
        headers.putAll(Map.of(
                BrokerHeaders.MESSAGE_ID, messageId,
                BrokerHeaders.REPLAY_GENERATION, Integer.toString(generation),
                BrokerHeaders.RECIPIENT_AGENCY, recipient,
                ACK_STATE, state));
        producer().sendBodyAndHeaders(endpoint, "", headers);
        // why no duplicate-detection id: Artemis rolls back a transaction that sends a duplicate, which would
        // undo the delivery being acknowledged; the hub's append is idempotent, so a repeated ack is harmless
    }

    private ProducerTemplate producer() {
        ProducerTemplate p = producer;
        if (p == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = camel.createProducerTemplate();
                }
                p = producer;
            }
        }
        return p;
    }
}
