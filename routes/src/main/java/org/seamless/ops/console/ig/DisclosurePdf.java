package org.seamless.ops.console.ig;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;

/**
 * The disclosure report as a PDF (PDFBox, the standard Type 1 fonts, A4): a heading naming the person
 * by NHS number, who made the report and when, then one block per line of the report. The document's
 * title and metadata carry no personal data; the caller chooses a file name without any.
 */
public final class DisclosurePdf {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm")
            .withZone(ZoneId.of("Europe/London"));
    private static final float SIZE = 10;
    private static final float LEADING = 14;


    public byte[] render(String formattedNhsNumber, String madeBy, IgConsole.Report report) {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle("Seamless disclosure report");
            info.setCreator("Seamless");
            PdfPages w = new PdfPages(doc, SIZE, LEADING);
            w.line(w.bold, 16, "Disclosure report");
            w.gap();
            w.line(w.regular, SIZE, "Person: NHS number " + formattedNhsNumber);
            w.line(w.regular, SIZE, "Made by " + madeBy + " on " + TIME.format(report.generatedAt())
                    + " (UK time), from the disclosure ledger.");
            w.line(w.regular, SIZE, report.lines().size() + " decided deliveries: "
                    + report.lines().stream().filter(l -> !"withheld".equals(l.decision())
                    && !DisclosureLines.NOT_SHARED.equals(l.decision())).count() + " sent, "
                    + report.lines().stream().filter(l -> "withheld".equals(l.decision())).count() + " withheld"
                    + (report.lines().stream().anyMatch(l -> DisclosureLines.NOT_SHARED.equals(l.decision()))
                    ? ", " + report.lines().stream().filter(l -> DisclosureLines.NOT_SHARED.equals(l.decision())).count()
                    + " recorded decisions not to share." : "."));
            w.gap();
            for (DisclosureLines.Line l : report.lines()) {
                w.line(w.bold, SIZE, TIME.format(l.at()) + "  " + l.recipient() + "  " + l.decision());
                w.wrapped("Event: " + l.event() + ". Purpose: " + nz(l.purpose()) + ". Legal basis: "
                        + nz(l.legalBasis()) + ".");
                if (l.detail() != null) {
                    w.wrapped("Decision: " + l.detail());
                }
                w.wrapped("Recipient's system: " + l.acknowledgement() + ". Message " + l.messageId()
                        + (l.generation() > 0 ? " (replay " + l.generation() + ")" : "") + ", ledger entry "
                        + l.ledgerSeq() + ".");
                w.gap();
            }
            if (report.lines().isEmpty()) {
                w.line(w.regular, SIZE, "The ledger holds no disclosures for this person.");
            }
            w.close();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the report as PDF", e);
        }
    }

    private static String nz(String s) {
        return s == null || s.isBlank() ? "not recorded" : s;
    }
}
