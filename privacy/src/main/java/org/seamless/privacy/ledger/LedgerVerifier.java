package org.seamless.privacy.ledger;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Recomputes the chain from the first entry and reports the first broken link: a changed entry
 * (hash mismatch), a deleted or reordered entry (sequence gap or mismatch), a head that does not
 * match the last entry, and a chain that no longer contains what a signed checkpoint saw
 * (truncated tail, rewritten history).
 */
public class LedgerVerifier {
    private final LedgerQueries queries;
    private final ChainHasher hasher;

    public LedgerVerifier(LedgerQueries queries, ChainHasher hasher) {
        this.queries = queries;
        this.hasher = hasher;
    }

    /** Verifies the chain against the database head and the given (already signature-checked) checkpoints. */
    public VerificationResult verify(List<Checkpoint> checkpoints) {
        List<Checkpoint> pending = new ArrayList<>(checkpoints);
        pending.sort(Comparator.comparingLong(Checkpoint::entries));
        // why: read the head first; entries appended while we read chain on from it and are checked too
        LedgerQueries.Head head = queries.head();
        var state = new Object() {
            String hashAtHead;
            long expected = 1;
            String previous = ChainHasher.GENESIS;
            VerificationResult broken;
            int checked;
        };
        queries.forEachInOrder(e -> {
            if (state.broken != null) {
                return;
            }
            if (e.seq() != state.expected) {
                state.broken = VerificationResult.broken(state.expected - 1, 0, state.expected, e.seq() > state.expected
                        ? "entry missing (next entry found is " + e.seq() + "): deleted"
                        : "entry out of order or duplicated (found " + e.seq() + ")");
                return;
            }
            if (e.entryHash() == null || !ChainHasher.same(hasher.hash(state.previous, e), e.entryHash())) {
                state.broken = VerificationResult.broken(e.seq() - 1, 0, e.seq(), e.entryHash() == null
                        ? "entry has no chain hash" : "hash mismatch: the entry was changed, replaced or moved");
                return;
            }
            while (!pending.isEmpty() && pending.get(0).entries() == e.seq()) {
                Checkpoint cp = pending.remove(0);
                if (!ChainHasher.same(cp.headHash(), e.entryHash())) {
                    state.broken = VerificationResult.broken(e.seq(), state.checked, e.seq(),
                            "differs from signed checkpoint " + cp.sequence() + ": history was rewritten");
                    return;
                }
                state.checked++;
            }
            if (e.seq() == head.lastSeq()) {
                state.hashAtHead = e.entryHash();
            }
            state.previous = e.entryHash();
            state.expected++;
        });
        long count = state.expected - 1;
        if (state.broken != null) {
            return state.broken;
        }
        if (!pending.isEmpty()) {
            Checkpoint cp = pending.get(0);
            return VerificationResult.broken(count, state.checked, count + 1, "signed checkpoint " + cp.sequence()
                    + " saw " + cp.entries() + " entries but only " + count + " remain: the tail was deleted");
        }
        if (head.lastSeq() > count || (head.lastSeq() > 0 && !ChainHasher.same(head.lastHash(), state.hashAtHead))) {
            return VerificationResult.broken(count, state.checked, Math.min(head.lastSeq(), count) + 1,
                    "chain head says " + head.lastSeq() + " entries but " + count + " chain from the start:"
                            + " entries were deleted or the head was altered");
        }
        return VerificationResult.ok(count, state.checked);
    }
}
