package org.seamless.ledger;

import org.hl7.fhir.r4.model.Bundle;
import org.seamless.hub.residence.RoutingDecisionLog;
import org.seamless.hub.residence.RoutingReason;

/**
 * The routing reason of a residence-routed message (ADR 0062) in both places: the {@code routing_decision}
 * table that tracking reads, and the ledger (a ROUTING entry), so the IG lead's record of why a person's
 * notice went to an authority is chained and verified like the disclosure it led to.
 */
public class LedgeredRoutingDecisions implements RoutingDecisionLog {
    private final RoutingDecisionLog table;
    private final LedgerEvents ledger;

    public LedgeredRoutingDecisions(RoutingDecisionLog table, LedgerEvents ledger) {
        this.table = table;
        this.ledger = ledger;
    }

    @Override
    public void record(String source, String messageId, String recipient, int generation, RoutingReason reason) {
        table.record(source, messageId, recipient, generation, reason);
    }

    @Override
    public void record(String source, String messageId, String recipient, int generation, RoutingReason reason,
                       Bundle message) {
        table.record(source, messageId, recipient, generation, reason);
        ledger.routing(source, messageId, recipient, generation, reason, message);
    }
}
