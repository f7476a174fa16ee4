package org.seamless.privacy.ledger;

import java.util.Optional;

/**
 * The outcome of verifying the ledger: how many entries and checkpoints were checked and, when
 * the chain is broken, the first broken sequence number and why (no personal data).
 */
public record VerificationResult(long entries, int checkpoints, Optional<Long> firstBrokenSeq, Optional<String> problem) {

    static VerificationResult ok(long entries, int checkpoints) {
        return new VerificationResult(entries, checkpoints, Optional.empty(), Optional.empty());
    }

    static VerificationResult broken(long entries, int checkpoints, long seq, String problem) {
        return new VerificationResult(entries, checkpoints, Optional.of(seq), Optional.of(problem));
    }

    public boolean intact() {
        return problem.isEmpty();
    }

    /** One line for an operator. */
    public String describe() {
        return intact()
                ? "ledger intact: " + entries + " entries, " + checkpoints + " signed checkpoints checked"
                : "ledger BROKEN at entry " + firstBrokenSeq.orElseThrow() + ": " + problem.orElseThrow();
    }
}
