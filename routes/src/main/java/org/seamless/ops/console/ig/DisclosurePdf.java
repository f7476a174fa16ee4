package org.seamless.ops.console.ig;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * The disclosure report as a PDF (PDFBox, the standard Type 1 fonts, A4): a heading naming the person
 * by NHS number, who made the report and when, then one block per line of the report. The document's
 * title and metadata carry no personal data; the caller chooses a file name without any.
 */
public final class DisclosurePdf {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm")
            .withZone(ZoneId.of("Europe/London"));
    private static final float MARGIN = 50;
    private static final float SIZE = 10;
    private static final float LEADING = 14;

    private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);

    public byte[] render(String formattedNhsNumber, String madeBy, IgConsole.Report report) {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle("Seamless disclosure report");
            info.setCreator("Seamless");
            Writer w = new Writer(doc);
            w.line(bold, 16, "Disclosure report");
            w.gap();
            w.line(regular, SIZE, "Person: NHS number " + formattedNhsNumber);
            w.line(regular, SIZE, "Made by " + madeBy + " on " + TIME.format(report.generatedAt())
                    + " (UK time), from the disclosure ledger.");
            w.line(regular, SIZE, report.lines().size() + " decided deliveries: "
                    + report.lines().stream().filter(l -> !"withheld".equals(l.decision())).count() + " sent, "
                    + report.lines().stream().filter(l -> "withheld".equals(l.decision())).count() + " withheld.");
            w.gap();
            for (DisclosureLines.Line l : report.lines()) {
                w.line(bold, SIZE, TIME.format(l.at()) + "  " + l.recipient() + "  " + l.decision());
                w.wrapped("Event: " + l.event() + ". Purpose: " + nz(l.purpose()) + ". Legal basis: "
                        + nz(l.legalBasis()) + ".");
                w.wrapped("Recipient's system: " + l.acknowledgement() + ". Message " + l.messageId()
                        + (l.generation() > 0 ? " (replay " + l.generation() + ")" : "") + ", ledger entry "
                        + l.ledgerSeq() + ".");
                w.gap();
            }
            if (report.lines().isEmpty()) {
                w.line(regular, SIZE, "The ledger holds no disclosures for this person.");
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

    /** Writes lines top to bottom, starting a new page when one is full. */
    private final class Writer {
        private final PDDocument doc;
        private PDPageContentStream stream;
        private float y;

        Writer(PDDocument doc) throws IOException {
            this.doc = doc;
            newPage();
        }

        private void newPage() throws IOException {
            if (stream != null) {
                stream.close();
            }
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            stream = new PDPageContentStream(doc, page);
            y = page.getMediaBox().getHeight() - MARGIN;
        }

        void line(PDType1Font font, float size, String text) throws IOException {
            if (y < MARGIN + LEADING) {
                newPage();
            }
            stream.beginText();
            stream.setFont(font, size);
            stream.newLineAtOffset(MARGIN, y);
            stream.showText(encodable(font, text));
            stream.endText();
            y -= Math.max(LEADING, size + 4);
        }

        void wrapped(String text) throws IOException {
            float width = PDRectangle.A4.getWidth() - 2 * MARGIN;
            List<String> lines = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            for (String word : encodable(regular, text).split(" ")) {
                String next = current.isEmpty() ? word : current + " " + word;
                if (!current.isEmpty() && regular.getStringWidth(next) / 1000 * SIZE > width) {
                    lines.add(current.toString());
                    current = new StringBuilder(word);
                } else {
                    current = new StringBuilder(next);
                }
            }
            lines.add(current.toString());
            for (String l : lines) {
                line(regular, SIZE, l);
            }
        }

        void gap() {
            y -= LEADING / 2;
        }

        void close() throws IOException {
            stream.close();
        }
    }

    /** The text with any character the font cannot encode replaced by '?'. */
    private static String encodable(PDType1Font font, String text) {
        StringBuilder sb = new StringBuilder();
        text.codePoints().forEach(cp -> {
            String c = new String(Character.toChars(cp));
            try {
                font.encode(c);
                sb.append(c);
            } catch (IOException | IllegalArgumentException e) {
                sb.append('?');
            }
        });
        return sb.toString();
    }
}
