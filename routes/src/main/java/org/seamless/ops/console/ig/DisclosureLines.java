package org.seamless.ops.console.ig;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.seamless.privacy.ledger.DisclosureReport;

/**
 * The disclosure report as the console shows and prints it: one line per decided leg the ledger holds
 * for the person, released (identifiable or pseudonymised) or withheld, oldest first.
 */
public final class DisclosureLines {
    private DisclosureLines() {
    }

    /** One delivery (or withheld decision) to one recipient organisation. */
    public record Line(long ledgerSeq, Instant at, String recipient, String event, String purpose, String legalBasis,
                       String decision, String acknowledgement, String messageId, int generation, String detail) {
        /** A line without detail (a release or a withheld leg). */
        public Line(long ledgerSeq, Instant at, String recipient, String event, String purpose, String legalBasis,
                    String decision, String acknowledgement, String messageId, int generation) {
            this(ledgerSeq, at, recipient, event, purpose, legalBasis, decision, acknowledgement, messageId, generation,
                    null);
        }
    }

    /** The decision marker of a recorded decision not to share (ADR 0082). */
    public static final String NOT_SHARED = "not shared (recorded decision)";

    public static List<Line> of(DisclosureReport.Report report) {
        return of(report, messageId -> null);
    }

    /**
     * The lines, with each recorded decision not to share described by {@code notSharedDetail} (who decided,
     * their role and why, from the decision record named by the entry's message id).
     */
    public static List<Line> of(DisclosureReport.Report report, Function<String, String> notSharedDetail) {
        List<Line> out = new ArrayList<>();
        report.disclosures().forEach(l -> out.add(line(l, "RELEASE_PSEUDONYMISED".equals(l.outcome())
                ? "pseudonymised" : "released", acknowledgement(l.acknowledgement()), null)));
        report.withheld().forEach(l -> out.add(line(l, "withheld", "not sent", null)));
        report.notShared().forEach(l -> out.add(line(l, NOT_SHARED, "withheld from "
                + ("all-recipients".equals(l.recipient()) ? "every recipient" : "this recipient"),
                Optional.ofNullable(notSharedDetail.apply(l.messageId())).orElse(l.overrideReason()))));
        out.sort(Comparator.comparing(Line::at).thenComparingLong(Line::ledgerSeq));
        return out;
    }

    private static Line line(DisclosureReport.Line l, String decision, String ack, String detail) {
        return new Line(l.ledgerSeq(), l.date(), l.recipient(), l.event(), l.purpose(), l.legalBasis(), decision, ack,
                l.messageId(), l.replayGeneration(), detail);
    }

    private static String acknowledgement(String ack) {
        return switch (ack == null ? "PENDING" : ack) {
            case "DELIVERED" -> "delivered";
            case "PENDING" -> "not yet acknowledged";
            case "DEADLINE_PASSED" -> "not delivered (deadline passed)";
            case "UNDELIVERABLE" -> "not delivered (the transport reported it undeliverable)";
            default -> "refused by the recipient's system";
        };
    }
}
