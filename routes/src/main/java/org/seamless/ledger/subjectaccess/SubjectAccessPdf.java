package org.seamless.ledger.subjectaccess;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.seamless.ops.console.ig.PdfPages;
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
    private static final float SIZE = 9;
    private static final float LEADING = 12;

    public byte[] render(SubjectAccessData d, String madeBy) {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.getDocumentInformation().setTitle("Seamless subject access export");
            doc.getDocumentInformation().setCreator("Seamless");
            PdfPages w = new PdfPages(doc, SIZE, LEADING);
            w.line(w.bold, 16, "Subject access export (UK GDPR Art. 15)");
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
                w.line(w.bold, SIZE, "#" + e.seq() + "  " + TIME.format(e.occurredAt()) + "  " + e.kind() + "  "
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
}
