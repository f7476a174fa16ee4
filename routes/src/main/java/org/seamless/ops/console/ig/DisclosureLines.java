package org.seamless.ops.console.ig;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
                       String decision, String acknowledgement, String messageId, int generation) {
    }

    public static List<Line> of(DisclosureReport.Report report) {
        List<Line> out = new ArrayList<>();
        report.disclosures().forEach(l -> out.add(line(l, "RELEASE_PSEUDONYMISED".equals(l.outcome())
                ? "pseudonymised" : "released", acknowledgement(l.acknowledgement()))));
        report.withheld().forEach(l -> out.add(line(l, "withheld", "not sent")));
        out.sort(Comparator.comparing(Line::at).thenComparingLong(Line::ledgerSeq));
        return out;
    }

    private static Line line(DisclosureReport.Line l, String decision, String ack) {
        return new Line(l.ledgerSeq(), l.date(), l.recipient(), l.event(), l.purpose(), l.legalBasis(), decision, ack,
                l.messageId(), l.replayGeneration());
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
