package org.seamless.ledger.subjectaccess;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.seamless.privacy.consent.ConsentRecord;
import org.seamless.privacy.ledger.LedgerEntry;

/**
 * The subject access export as a readable PDF (PDFBox, standard fonts, A4; ADR 0070): what is held, in
 * plain words, section by section, every ledger entry with its number so the PDF and the FHIR Bundle can
 * be read side by side. Document metadata carry no personal data.
 */
public final class SubjectAccessPdf {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm")
            .withZone(ZoneId.of("Europe/London"));
    private static final float MARGIN = 50;
    private static final float SIZE = 9;
    private static final float LEADING = 12;
    private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);

    public byte[] render(SubjectAccessData d, String madeBy) {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.getDocumentInformation().setTitle("Seamless subject access export");
            doc.getDocumentInformation().setCreator("Seamless");
            Writer w = new Writer(doc);
            w.line(bold, 16, "Subject access export (UK GDPR Art. 15)");
            w.gap();
            w.wrapped("Person: NHS number " + d.nhsNumber().formatted() + ". Export " + d.exportId() + ", made by "
                    + madeBy + " on " + TIME.format(d.generatedAt()) + " (UK time).");
            w.wrapped("Everything Seamless holds about the person: consents and objections with their history; every"
                    + " record of the disclosure ledger (decisions, releases with recipients, purposes and legal bases,"
                    + " acknowledgements, recalls, routing reasons, alert-access queries); the messages still kept; the"
                    + " social care alerts held; the referrals tracked.");
            w.section("Consents and objections (" + d.consents().size() + ")");
            for (ConsentRecord r : d.consents()) {
                w.wrapped(TIME.format(r.recordedAt()) + "  " + r.kind().name().toLowerCase() + " " + r.status().name()
                        .toLowerCase() + ", purpose " + r.purpose().code() + ", recipient " + r.recipient().value()
                        + ", from " + TIME.format(r.periodStart()) + r.periodEnd().map(e -> " to " + TIME.format(e))
                        .orElse("") + ", recorded by " + r.recorder() + ", reference " + r.reference() + ".");
            }
            w.section("Disclosure ledger (" + d.ledger().size() + " entries)");
            for (LedgerEntry e : d.ledger()) {
                w.line(bold, SIZE, "#" + e.seq() + "  " + TIME.format(e.occurredAt()) + "  " + e.kind() + "  "
                        + e.outcome());
                w.wrapped("Message " + e.messageId() + (e.replayGeneration() > 0 ? " (replay " + e.replayGeneration()
                        + ")" : "") + ", event " + nz(e.eventCode()) + ", from " + nz(e.sourceAgency()) + " to "
                        + e.recipient() + ". Purpose: " + nz(e.purpose()) + ". Legal basis: " + nz(e.legalBasis())
                        + ". Rule: " + nz(e.ruleId()) + (e.consentRef() == null ? "" : ". Consent: " + e.consentRef())
                        + (e.dataClasses() == null ? "" : ". Data: " + e.dataClasses())
                        + (e.overrideReason() == null ? "" : ". Note: " + e.overrideReason()) + ".");
            }
            w.section("Messages still kept (" + d.messages().size() + ")");
            for (SubjectAccessData.HeldMessage m : d.messages()) {
                w.wrapped(TIME.format(m.receivedAt()) + "  " + m.event() + " from " + m.source() + ", message "
                        + m.messageId() + " (" + m.body().length() + " characters; attached in the FHIR export).");
            }
            w.section("Social care alerts held (" + d.alerts().size() + ")");
            for (SubjectAccessData.Alert a : d.alerts()) {
                w.wrapped(a.flagIdentifier() + ": " + a.type() + ", " + (a.active() ? "active" : "ended") + ", owned by "
                        + a.owner() + (a.endDate() == null ? "" : ", ends " + a.endDate()) + ".");
            }
            w.section("Referrals tracked (" + d.referrals().size() + ")");
            for (SubjectAccessData.Referral r : d.referrals()) {
                w.wrapped(r.referralId() + ": " + r.role() + " " + r.agency() + (r.counterpart() == null ? ""
                        : " with " + r.counterpart()) + ", status " + r.status() + ".");
            }
            w.close();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the export as PDF", e);
        }
    }

    private static String nz(String s) {
        return s == null || s.isBlank() ? "-" : s;
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

        void section(String title) throws IOException {
            gap();
            line(bold, 12, title);
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

    private static String encodable(PDType1Font font, String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(cp -> {
            String c = new String(Character.toChars(cp));
            try {
                font.encode(c);
                out.append(c);
            } catch (IOException | IllegalArgumentException e) {
                out.append('?');
            }
        });
        return out.toString();
    }
}
