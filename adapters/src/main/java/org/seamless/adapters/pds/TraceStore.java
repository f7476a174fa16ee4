package org.seamless.adapters.pds;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.seamless.mappings.canonical.NhsNumber;

/**
 * What PDS said about each record of an extract, kept so that a re-run of the same file (after a crash, or a file
 * dropped again) asks PDS nothing twice and acts on the same answer: keyed by agency, the file's SHA-256 and the
 * row's line. The held outcomes are the work queue. No personal value is kept except the number PDS gave
 * (traced, or the replacement of a superseded one), and that encrypted (ADR 0071).
 */
public interface TraceStore {

    /** PDS's answer for one row; the held ones keep the record out of the hub. */
    enum Outcome {
        /** The row's own number is current in PDS. */
        VERIFIED(false),
        /** The row's number is superseded: replaced by PDS's and recorded. */
        SUPERSEDED(false),
        /** The row had no number: a unique exact match gave it one. */
        TRACED(false),
        /** No number and no exact match: held. */
        NO_MATCH(true),
        /** No number and several matches: held. */
        MULTIPLE_MATCHES(true),
        /** The row's number is unknown to PDS or invalidated: held. */
        NOT_FOUND(true);

        private final boolean held;

        Outcome(boolean held) {
            this.held = held;
        }

        public boolean held() {
            return held;
        }
    }

    /** One row's answer: {@code nhsNumber} is the number to use for TRACED and SUPERSEDED, null otherwise. */
    record Traced(long line, Outcome outcome, NhsNumber nhsNumber) {
        public Traced {
            if ((outcome == Outcome.TRACED || outcome == Outcome.SUPERSEDED) != (nhsNumber != null)) {
                throw new IllegalArgumentException("a number goes with TRACED and SUPERSEDED only");
            }
        }
    }

    /** The stored answers for these lines of the file (absent: not asked yet). */
    Map<Long, Traced> lookup(String agencyId, String fileDigest, Collection<Long> lines);

    /** Keeps answers in one transaction; a line already kept keeps its first answer. */
    void save(String agencyId, String fileDigest, String fileName, List<Traced> rows);
}
