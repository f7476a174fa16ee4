package org.seamless.ledger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.seamless.edge.InboundReceipts;
import org.seamless.hub.alerts.OperatorAlerts;
import org.seamless.mappings.canonical.BrokerHeaders;
import org.seamless.ops.metrics.SeamlessMetrics;
import org.seamless.privacy.ledger.DisclosureLedger;
import org.seamless.privacy.ledger.LedgerEntry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The hub's side of delivery acknowledgements: an acknowledgement consumed from an agency's
 * inbound address becomes an ACKNOWLEDGEMENT ledger entry for that agency. The recipient is the
 * owner of the inbound address (only its broker user can send there), never a header value.
 */
@Component
public class HubAcknowledgements {
    /** The acknowledgement outcome of a message the transport accepted but could not deliver (ADR 0077). */
    static final String UNDELIVERABLE = "UNDELIVERABLE";
    /** The operator alert raised for it. */
    public static final String UNDELIVERABLE_ALERT = "delivery-undeliverable";
    private final DisclosureLedger ledger;
    private final boolean enabled;
    private final SeamlessMetrics metrics;
    private final InboundReceipts receipts;
    private final Clock clock;
    private final OperatorAlerts alerts;

    public HubAcknowledgements(DisclosureLedger ledger, @Value("${seamless.ledger.enabled:true}") boolean enabled,
                               SeamlessMetrics metrics, InboundReceipts receipts, Clock clock, OperatorAlerts alerts) {
        this.alerts = alerts;
        this.ledger = ledger;
        this.enabled = enabled;
        this.metrics = metrics;
        this.receipts = receipts;
        this.clock = clock;
    }

    /** True when the exchange is an acknowledgement (and it has been recorded); false for any other message. */
    public boolean accept(Exchange exchange, String owningAgencyId) {
        var m = exchange.getMessage();
        String state = m.getHeader(AcknowledgingDeliveryJournal.ACK_STATE, String.class);
        if (state == null) {
            return false;
        }
        String messageId = m.getHeader(BrokerHeaders.MESSAGE_ID, String.class);
        if (messageId == null || messageId.isBlank() || messageId.length() > 64) {
            throw new IllegalArgumentException("acknowledgement without a valid message id");
        }
        if (enabled) {
            // why: the release acknowledged is the one from this source (ids are unique per source only)
            String source = m.getHeader(BrokerHeaders.SOURCE_AGENCY, String.class);
            if (source != null && !source.matches("[a-z0-9][a-z0-9-]{0,63}")) {
                throw new IllegalArgumentException("acknowledgement with an invalid source agency");
            }
            int generation = m.getHeader(BrokerHeaders.REPLAY_GENERATION, 0, Integer.class);
            Instant before = LedgerEntry.stored(clock.instant());
            LedgerEntry entry = metrics.ledgerAppend("ACKNOWLEDGEMENT",
                    () -> ledger.acknowledged(owningAgencyId, source, messageId, generation, state));
            if (!entry.recordedAt().isBefore(before)) { // why: a repeated acknowledgement returns the first, counted once
                metrics.acknowledged(owningAgencyId, entry.eventCode(), state, sinceReceived(entry));
                if (UNDELIVERABLE.equals(entry.outcome())) {
                    // why: the transport gave up (a MESH non-delivery report or expiry); nothing resends it (ADR 0077)
                    alerts.raise(owningAgencyId, UNDELIVERABLE_ALERT, "message " + messageId + " from "
                            + entry.sourceAgency() + " could not be delivered to agency " + owningAgencyId
                            + " by its transport (" + UNDELIVERABLE + "); ask the agency, then replay it");
                }
            }
        }
        return true;
    }

    /** From the message's receipt at the edge to this answer; null when the receipt is not known. */
    private Duration sinceReceived(LedgerEntry ack) {
        if (ack.sourceAgency() == null) {
            return null;
        }
        return receipts.receivedAt(ack.sourceAgency(), ack.messageId())
                .map(received -> Duration.between(received, ack.recordedAt())).orElse(null);
    }
}
