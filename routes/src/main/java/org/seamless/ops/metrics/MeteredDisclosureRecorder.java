package org.seamless.ops.metrics;

import org.seamless.privacy.record.DisclosureRecord;
import org.seamless.privacy.record.DisclosureRecorder;

/**
 * The privacy chain's recorder with metrics: times each ledger append and, once it is recorded, counts
 * the leg as withheld (at its decision) or released and pseudonymised (when published). Counting after
 * the append means a leg is counted when the ledger has it; a step the hub runs again after a crash
 * may count a leg twice (the ledger stays the record, ADR 0048).
 */
public final class MeteredDisclosureRecorder implements DisclosureRecorder {
    private final DisclosureRecorder ledger;
    private final SeamlessMetrics metrics;

    public MeteredDisclosureRecorder(DisclosureRecorder ledger, SeamlessMetrics metrics) {
        this.ledger = ledger;
        this.metrics = metrics;
    }

    @Override
    public void record(DisclosureRecord r) {
        metrics.ledgerAppend("DECISION", () -> {
            ledger.record(r);
            return null;
        });
        metrics.decided(r.request().recipient().id(), r.request().event().code(), r.decision().outcome());
    }

    @Override
    public void released(DisclosureRecord r) {
        metrics.ledgerAppend("RELEASE", () -> {
            ledger.released(r);
            return null;
        });
        metrics.released(r.request().recipient().id(), r.request().event().code(), r.decision().outcome());
    }
}
