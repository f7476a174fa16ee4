package org.seamless.adapters.lacsv;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hl7.fhir.r4.model.Bundle;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.spi.InboundGate;
import org.seamless.adapters.spi.RejectedInputStore;
import org.seamless.mappings.answer.NoticeAnswerCsv;
import org.seamless.mappings.answer.NoticeAnswerException;
import org.seamless.mappings.answer.NoticeAnswerMessages;
import org.seamless.mappings.itk.ItkAddresses;
import org.seamless.mappings.message.MessageBundles;

/**
 * Imports one LA {@code responses-*.csv} file (columns {@code message_id,outcome,reason}): each row
 * is an answer to a notice and becomes a {@code notice-response} message handed to the inbound gate.
 * Rows are independent: a bad row (unreadable, unknown message id, a notice not sent to this LA)
 * goes to {@code <name>.rejects.csv} with its line and reason code and is kept in quarantine; the
 * others are published. Response message ids derive from the answer's content, so the same file
 * dropped again publishes nothing twice.
 */
public final class ResponseCsvImport {
    static final String EDGE = "la-csv-responses";
    private final AgencyConfig la;
    private final InboundGate gate;
    private final RejectedInputStore rejected;

    public ResponseCsvImport(AgencyConfig la, InboundGate gate, RejectedInputStore rejected) {
        this.la = la;
        this.gate = gate;
        this.rejected = rejected;
    }

    /** Imports {@code file}, writing {@code <name>.rejects.csv} and {@code <name>.summary.csv} into {@code reportDir}. */
    public ConsentImportResult importFile(Path file, Path reportDir) throws IOException {
        return ConsentRejects.withReports(file, reportDir, rejects -> run(file, rejects));
    }

    private ConsentImportResult run(Path file, ConsentRejects rejects) throws IOException {
        long read = 0;
        long accepted = 0;
        long duplicates = 0;
        long rejected = 0;
        long refused = 0;
        String sha = sha256(file);
        try (InputStream in = Files.newInputStream(file); NoticeAnswerCsv reader = NoticeAnswerCsv.open(in)) {
            while (reader.hasNext()) {
                NoticeAnswerCsv.Row row = reader.next();
                read++;
                if (!row.ok()) {
                    rejected++;
                    NoticeAnswerException p = row.problem();
                    String ref = keep(p.code(), p.getMessage() + " (column " + p.field() + ", line " + row.line() + ")",
                            null, row.text());
                    rejects.add(row.line(), p.code(), p.getMessage() + " (column " + p.field() + "; kept as " + ref + ")");
                    continue;
                }
                Bundle response = NoticeAnswerMessages.response(row.answer(), la.id(),
                        ItkAddresses.agency(la.odsCode(), la.id()));
                InboundGate.Admission a = gate.admit(new InboundGate.Submission(la, EDGE, response,
                        row.text().getBytes(StandardCharsets.UTF_8), "text/csv"));
                if (a instanceof InboundGate.Accepted ok) {
                    accepted++;
                    duplicates += ok.duplicate() ? 1 : 0;
                } else if (a instanceof InboundGate.Rejected no) {
                    refused++;
                    rejects.add(row.line(), no.code(), "refused by the inbound gate: " + no.issues().stream().map(i -> i.diagnostics())
                            .reduce((x, y) -> x + "; " + y).orElse(no.code()) + " (kept as " + no.reference() + ")");
                }
            }
        } catch (NoticeAnswerException e) {
            keep(e.code(), e.getMessage(), null, Files.readString(file, StandardCharsets.ISO_8859_1));
            return new ConsentImportResult(sha, read, accepted, duplicates, rejected, refused, false,
                    "file rejected: " + e.getMessage());
        } catch (CharacterCodingException e) {
            return fileRejected(file, new ConsentImportResult(sha, read, accepted, duplicates, rejected, refused, false,
                    "the file is not valid UTF-8"));
        } catch (UncheckedIOException | IllegalStateException e) {
            return fileRejected(file, new ConsentImportResult(sha, read, accepted, duplicates, rejected, refused, false,
                    e.getCause() instanceof CharacterCodingException
                            ? "the file is not valid UTF-8" : "the file is not valid CSV after data row " + read));
        }
        return new ConsentImportResult(sha, read, accepted, duplicates, rejected, refused, true,
                refused > 0 ? refused + " rows refused by the gate" : null);
    }

    /** {@code sofar} holds the counts of the rows before the fault and its reason. */
    private ConsentImportResult fileRejected(Path file, ConsentImportResult sofar) throws IOException {
        keep("bad-file", sofar.reason(), null, Files.readString(file, StandardCharsets.ISO_8859_1));
        // why: rows already published stay published (each row stands alone) and are counted; the rest is not read
        return new ConsentImportResult(sofar.sha256(), sofar.rowsRead(), sofar.accepted(), sofar.duplicates(),
                sofar.rejected(), sofar.refusedByGate(), false, "file rejected: " + sofar.reason()
                + "; rows before it were processed");
    }

    private static String sha256(Path file) throws IOException {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(file)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String keep(String code, String reason, String messageId, String text) {
        return rejected.keep(new RejectedInputStore.Rejection(la.id(), EDGE, code, reason, messageId, "text/csv",
                text.getBytes(StandardCharsets.UTF_8)));
    }
}
