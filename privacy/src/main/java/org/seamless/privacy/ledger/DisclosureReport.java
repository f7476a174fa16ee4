package org.seamless.privacy.ledger;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * "Who has seen my data": for one subject (by keyed index), every release to a recipient
 * organisation with date, purpose, legal basis and data classes, one line per RELEASE entry,
 * with the recipient's acknowledgement; and the withheld decisions. The ledger holds agency
 * identities only, so there are no staff identities to exclude.
 */
public class DisclosureReport {
    private final LedgerQueries queries;

    public DisclosureReport(LedgerQueries queries) {
        this.queries = queries;
    }

    public Report forSubject(String subjectIndex) {
        List<LedgerEntry> entries = queries.bySubject(subjectIndex);
        Map<String, String> acks = new HashMap<>();
        entries.stream().filter(e -> e.kind() == EntryKind.ACKNOWLEDGEMENT).forEach(e -> acks.put(key(e), e.outcome()));
        List<Line> released = entries.stream().filter(e -> e.kind() == EntryKind.RELEASE)
                .map(e -> Line.of(e, acks.getOrDefault(key(e), "PENDING"))).toList();
        List<Line> withheld = entries.stream()
                .filter(e -> e.kind() == EntryKind.DECISION && "WITHHOLD".equals(e.outcome()))
                .map(e -> Line.of(e, null)).toList();
        return new Report(released, withheld, entries);
    }

    private static String key(LedgerEntry e) {
        return e.messageId() + '\u0000' + e.recipient() + '\u0000' + e.replayGeneration();
    }

    /** The released lines, the withheld decisions, and the ledger entries they came from. */
    public record Report(List<Line> disclosures, List<Line> withheld, List<LedgerEntry> entries) {
        /** The recorded decisions not to share an item about the person (ADR 0082), one line per recipient named. */
        public List<Line> notShared() {
            return entries.stream().filter(e -> e.kind() == EntryKind.NOT_SHARED).map(e -> Line.of(e, null)).toList();
        }
    }

    /** One disclosure (or withheld decision) to one recipient organisation. */
    public record Line(long ledgerSeq, Instant date, String recipient, String event, String purpose,
                       String legalBasis, List<String> dataClasses, String outcome, String ruleId, String consentRef,
                       String overrideReason, String messageId, int replayGeneration, String acknowledgement) {

        static Line of(LedgerEntry e, String ack) {
            return new Line(e.seq(), e.occurredAt(), e.recipient(), e.eventCode(), e.purpose(), e.legalBasis(),
                    e.dataClasses() == null ? List.of() : List.of(e.dataClasses().split(",")), e.outcome(),
                    e.ruleId(), e.consentRef(), e.overrideReason(), e.messageId(), e.replayGeneration(), ack);
        }
    }
}
