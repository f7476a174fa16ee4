package org.seamless.ledger;

import org.apache.camel.Exchange;
import org.seamless.mappings.canonical.BrokerHeaders;
import org.seamless.privacy.ledger.DisclosureLedger;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The hub's side of delivery acknowledgements: an acknowledgement consumed from an agency's
 * inbound address becomes an ACKNOWLEDGEMENT ledger entry for that agency. The recipient is the
 * owner of the inbound address (only its broker user can send there), never a header value.
 */
@Component
public class HubAcknowledgements {
    private final DisclosureLedger ledger;
    private final boolean enabled;

    public HubAcknowledgements(DisclosureLedger ledger, @Value("${seamless.ledger.enabled:true}") boolean enabled) {
        this.ledger = ledger;
        this.enabled = enabled;
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
            ledger.acknowledged(owningAgencyId, source, messageId,
                    m.getHeader(BrokerHeaders.REPLAY_GENERATION, 0, Integer.class), state);
        }
        return true;
    }
}
