package org.seamless.hub;

import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.seamless.ops.metrics.SeamlessMetrics;
import org.seamless.privacy.ledger.JdbcLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The hub's inbound step appends its ledger entries together (ADR 0093): the step opens a ledger batch
 * on its consumer thread as it begins, the privacy chain's DECISION and RELEASE entries and the
 * ROUTING entry of a residence-routed message are queued in it, and the step appends them all in one
 * transaction under one lock of the chain head as its last action, before its broker transaction
 * commits. The step's own rows (the message kept for replay, a routing decision) are queued in the same
 * batch and written in that transaction (ADR 0098). A step that fails appends nothing and is rolled
 * back: the broker gives the message again, and the step records it again (appends are idempotent). A
 * message the step quarantines is flushed first, so what it released before the problem is in the
 * ledger when the broker commits.
 */
@Component
@ConditionalOnProperty(name = "seamless.run-hub", havingValue = "true", matchIfMissing = true)
public class HubLedgerBatch {
    private static final Logger log = LoggerFactory.getLogger(HubLedgerBatch.class);
    private final JdbcLedger ledger;
    private final SeamlessMetrics metrics;

    public HubLedgerBatch(JdbcLedger ledger, SeamlessMetrics metrics) {
        this.ledger = ledger;
        this.metrics = metrics;
    }

    /** The step's first action: opens the batch, and closes it when the exchange is done, whatever became of it. */
    public void open(Exchange exchange) {
        if (ledger.queued() > 0) {
            log.error("a ledger batch was left open on this thread with {} entries and writes; dropped"
                    + " (its step was rolled back)", ledger.queued());
        }
        ledger.closeBatch();
        ledger.openBatch();
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                int left = ledger.queued();
                try {
                    if (left > 0 && !done.isFailed()) {
                        // why: a step that completed must not lose its entries; every completing path flushes
                        // explicitly, so this is a defect, appended here as the last chance before the commit
                        log.error("a hub step completed with {} ledger entries and writes not flushed;"
                                + " flushing them now", left);
                        ledger.flushBatch();
                    }
                } finally {
                    ledger.closeBatch();
                }
            }
        });
    }

    /** The step's last action before its broker transaction commits: appends what it queued. */
    public void flush(Exchange exchange) {
        if (ledger.queued() > 0) {
            metrics.ledgerAppend("BATCH", ledger::flushBatch);
        }
    }
}
