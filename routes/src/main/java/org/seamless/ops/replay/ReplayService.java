package org.seamless.ops.replay;

import java.util.List;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.seamless.mappings.canonical.BrokerHeaders;
import org.seamless.privacy.ledger.LedgerQueries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Service;

/**
 * Replays a message the hub consumed: the kept canonical message runs through intake and the
 * privacy chain again under the next replay generation (one above the highest the ledger holds
 * for it), so today's consent decides, every leg is recorded afresh, and recipients can tell a
 * replay from a duplicate.
 */
@Service
@ConditionalOnProperty(name = "seamless.run-hub", havingValue = "true", matchIfMissing = true)
public class ReplayService {
    private static final Logger log = LoggerFactory.getLogger(ReplayService.class);

    private final InboundMessages kept;
    private final LedgerQueries ledger;
    private final ProducerTemplate producer;

    public ReplayService(InboundMessages kept, LedgerQueries ledger, ProducerTemplate producer) {
        this.kept = kept;
        this.ledger = ledger;
        this.producer = producer;
    }

    /** Replays the message; returns the replay generation used. */
    public int replay(String messageId) {
        List<InboundMessages.Kept> found = kept.find(messageId);
        if (found.size() != 1) {
            throw new ReplayException(found.isEmpty() ? "no kept message with that id"
                    : "message id is held by more than one source agency", !found.isEmpty());
        }
        int generation = Math.max(1, ledger.latestGeneration(messageId) + 1);
        producer.sendBodyAndHeaders(ReplayRoute.ENTRY, found.get(0).canonicalJson(), Map.of(
                ReplayRoute.SOURCE, found.get(0).sourceAgency(),
                BrokerHeaders.REPLAY_GENERATION, generation));
        log.info("replayed message {} as generation {}", messageId, generation);
        return generation;
    }

    /** The message cannot be replayed; the text holds no personal data. */
    public static class ReplayException extends RuntimeException {
        private final boolean ambiguous;

        public ReplayException(String message) {
            this(message, false);
        }

        public ReplayException(String message, boolean ambiguous) {
            super(message);
            this.ambiguous = ambiguous;
        }

        /** True when more than one source agency sent a message with the id (the message exists, but which?). */
        public boolean ambiguous() {
            return ambiguous;
        }
    }
}
