package org.seamless.privacy.ledger;

import java.time.Clock;
import java.util.TreeSet;
import org.seamless.privacy.decide.Decision;
import org.seamless.privacy.decide.DecisionRequest;
import org.seamless.privacy.record.DisclosureRecord;
import org.seamless.privacy.record.DisclosureRecorder;
import org.seamless.privacy.record.SubjectIndex;

/**
 * The privacy chain's recorder over the ledger: one DECISION entry per decided leg, one RELEASE
 * entry once it is published, one ACKNOWLEDGEMENT entry when the recipient's system answers.
 * DECISION and RELEASE entries join the calling thread's ledger batch when one is open
 * ({@link JdbcLedger#openBatch}, ADR 0093).
 */
public class DisclosureLedger implements DisclosureRecorder {
    /** Subject index of an acknowledgement that matches no release (e.g. a message not sent by the chain). */
    public static final String UNMATCHED = "unmatched";

    private final JdbcLedger ledger;
    private final LedgerQueries queries;
    private final SubjectIndex subjectIndex;
    private final Clock clock;

    public DisclosureLedger(JdbcLedger ledger, LedgerQueries queries, SubjectIndex subjectIndex, Clock clock) {
        this.ledger = ledger;
        this.queries = queries;
        this.subjectIndex = subjectIndex;
        this.clock = clock;
    }

    @Override
    public void record(DisclosureRecord r) {
        ledger.appendOrDefer(entry(EntryKind.DECISION, r, r.decision().outcome().name()));
    }

    @Override
    public void released(DisclosureRecord r) {
        ledger.appendOrDefer(entry(EntryKind.RELEASE, r, r.decision().outcome().name()));
    }

    /**
     * The end of a release: the recipient's system answered ({@code DELIVERED} or {@code REFUSED}), or
     * it stayed unreachable until the delivery deadline and the message was dead-lettered
     * ({@code DEADLINE_PASSED}). Idempotent; the first answer stands. {@code source} is the message's
     * source agency (null from an acknowledgement sent before sources were carried: then the release is
     * found by message id alone, as before).
     */
    public LedgerEntry acknowledged(String recipient, String source, String messageId, int generation, String state) {
        if (!java.util.Set.of("DELIVERED", "REFUSED", "DEADLINE_PASSED", "UNDELIVERABLE").contains(state)) {
            throw new IllegalArgumentException(
                    "acknowledgement state must be DELIVERED, REFUSED, DEADLINE_PASSED or UNDELIVERABLE");
        }
        var release = source == null ? queries.find(messageId, recipient, generation, EntryKind.RELEASE)
                : queries.find(source, messageId, recipient, generation, EntryKind.RELEASE);
        var now = LedgerEntry.stored(clock.instant());
        return ledger.append(new LedgerEntry(0, EntryKind.ACKNOWLEDGEMENT, messageId, recipient, generation,
                release.map(LedgerEntry::eventCode).orElse(null), release.map(LedgerEntry::sourceAgency).orElse(source),
                release.map(LedgerEntry::subjectIndex).orElse(UNMATCHED), state, null, null, null, null, null, null,
                release.map(LedgerEntry::payloadDigest).orElse(null), now, now, null));
    }

    private LedgerEntry entry(EntryKind kind, DisclosureRecord r, String outcome) {
        DecisionRequest req = r.request();
        Decision d = r.decision();
        var occurred = LedgerEntry.stored(kind == EntryKind.DECISION ? req.at() : clock.instant());
        return new LedgerEntry(0, kind, req.messageId(), req.recipient().id(), r.replayGeneration(), req.event().code(),
                req.source().id(), subjectIndex.indexOf(req.subject()), outcome, d.ruleId(), d.purpose(),
                d.legalBasis(), d.consentReference().orElse(null), d.overrideReason().orElse(null),
                r.dataClasses().isEmpty() ? null : String.join(",", new TreeSet<>(r.dataClasses())),
                r.payloadDigest().orElse(null), occurred, LedgerEntry.stored(kind == EntryKind.DECISION
                ? r.recordedAt() : clock.instant()), null, d.consentRecorder().orElse(null));
    }
}
