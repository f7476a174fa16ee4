package org.seamless.adapters.lacsv;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.spi.InboundGate;
import org.seamless.mappings.canonical.InvalidNhsNumberException;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.consent.ConsentCsvReader;
import org.seamless.mappings.consent.ConsentCsvRow;
import org.seamless.mappings.consent.ConsentCsvRows;
import org.seamless.mappings.consent.ConsentInputException;
import org.seamless.mappings.consent.ConsentMessages;
import org.seamless.mappings.consent.ConsentSpec;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.mappings.message.MessageIssue;

/**
 * Imports one LA consents CSV file in two streaming passes: the first validates every row (with the
 * gate's own checks) and writes the rejects; only if the rejected share is within the threshold does
 * the second publish the valid rows through the gate. Each row read is counted once: accepted, rejected
 * (first pass) or refused by the gate (second pass). Message ids are derived from the file's SHA-256
 * and the line, so a re-run after a crash, or the same file dropped again, is deduplicated by the gate.
 */
public final class ConsentCsvImport {
    static final String EDGE = "la-csv-consents";
    private final AgencyConfig la;
    private final InboundGate gate;
    private final double thresholdPercent;

    public ConsentCsvImport(AgencyConfig la, InboundGate gate, double thresholdPercent) {
        this.la = la;
        this.gate = gate;
        this.thresholdPercent = thresholdPercent;
    }

    /** Imports {@code file}, writing {@code <name>.rejects.csv} and {@code <name>.summary.csv} into {@code reportDir}. */
    public ConsentImportResult importFile(Path file, Path reportDir) throws IOException {
        return ConsentRejects.withReports(file, reportDir, rejects -> run(file, rejects));
    }

    private ConsentImportResult run(Path file, ConsentRejects rejects) throws IOException {
        MessageDigest sha = sha256();
        long read = 0;
        long rejected = 0;
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha);
             ConsentCsvReader reader = ConsentCsvReader.open(in)) {
            while (reader.hasNext()) {
                ConsentCsvRow row = reader.next();
                read++;
                String[] problem = problem(row, "validation-only");
                if (problem != null) {
                    rejected++;
                    rejects.add(row.line(), problem[0], problem[1]);
                }
            }
            in.transferTo(java.io.OutputStream.nullOutputStream()); // why: the digest must cover the whole file
        } catch (ConsentInputException e) {
            return fileRejected(sha, read, rejected, e.getMessage());
        } catch (CharacterCodingException e) {
            return fileRejected(sha, read, rejected, "the file is not valid UTF-8");
        } catch (UncheckedIOException | IllegalStateException e) {
            return fileRejected(sha, read, rejected, e.getCause() instanceof CharacterCodingException
                    ? "the file is not valid UTF-8" : "the file is not valid CSV after data row " + read);
        }
        String digest = HexFormat.of().formatHex(sha.digest());
        if (read > 0 && rejected * 100.0 / read > thresholdPercent) {
            return new ConsentImportResult(digest, read, 0, 0, rejected, 0, false, String.format(java.util.Locale.ROOT,
                    "%d of %d rows rejected (%.1f%%), more than the threshold of %s%%; nothing applied",
                    rejected, read, rejected * 100.0 / read, thresholdPercent));
        }
        return publish(file, digest, read, rejected, rejects);
    }

    private ConsentImportResult publish(Path file, String digest, long read, long rejected, ConsentRejects rejects)
            throws IOException {
        long accepted = 0;
        long duplicates = 0;
        long refusedByGate = 0;
        try (ConsentCsvReader reader = ConsentCsvReader.open(Files.newInputStream(file))) {
            while (reader.hasNext()) {
                ConsentCsvRow row = reader.next();
                String messageId = UUID.nameUUIDFromBytes((digest + ":" + row.line()).getBytes(StandardCharsets.UTF_8))
                        .toString();
                if (problem(row, messageId) != null) {
                    continue; // already in the rejects file
                }
                Bundle message = build(row, messageId);
                InboundGate.Admission a = gate.admit(new InboundGate.Submission(la, EDGE, message,
                        MessageBundles.toJson(message).getBytes(StandardCharsets.UTF_8), "application/fhir+json"));
                if (a instanceof InboundGate.Accepted ok) {
                    accepted++;
                    duplicates += ok.duplicate() ? 1 : 0;
                } else if (a instanceof InboundGate.Rejected no) {
                    refusedByGate++;
                    rejects.add(row.line(), no.code(), "refused by the inbound gate: " + reasons(no.issues())
                            + " (kept as " + no.reference() + ")");
                }
            }
        }
        return new ConsentImportResult(digest, read, accepted, duplicates, rejected, refusedByGate, true,
                refusedByGate > 0 ? refusedByGate + " rows refused by the gate" : null);
    }

    /** {code, reason} when the row cannot become an admissible consent-update message; null when it can. */
    private String[] problem(ConsentCsvRow row, String messageId) {
        try {
            Bundle message = build(row, messageId);
            List<MessageIssue> issues = gate.check(new InboundGate.Submission(la, EDGE, message, null, null));
            if (issues.isEmpty()) {
                return null;
            }
            // why: a row the LA may not record at all (consent authority, ADR 0032) gets its own code
            boolean forbidden = issues.stream().anyMatch(i -> i.code() == org.hl7.fhir.r4.model.OperationOutcome.IssueType.FORBIDDEN);
            return new String[] {forbidden ? "consent-not-authorised" : "invalid-consent", reasons(issues)};
        } catch (ConsentInputException e) {
            return new String[] {e.code(), e.getMessage()};
        } catch (InvalidNhsNumberException e) {
            return new String[] {"invalid-nhs-number", e.getMessage() + " (column nhs_number)"};
        }
    }

    private Bundle build(ConsentCsvRow row, String messageId) {
        ConsentSpec spec = ConsentCsvRows.toSpec(row, la.id());
        NhsNumber nhs = NhsNumber.parse(spec.nhsNumber());
        return ConsentMessages.consentUpdate(ConsentMessages.toConsent(spec), nhs, messageId, la.id(), null);
    }

    private static String reasons(List<MessageIssue> issues) {
        return issues.stream().map(MessageIssue::diagnostics).reduce((a, b) -> a + "; " + b).orElse("rejected");
    }

    private static ConsentImportResult fileRejected(MessageDigest sha, long read, long rejected, String reason) {
        return new ConsentImportResult(HexFormat.of().formatHex(sha.digest()), read, 0, 0, rejected, 0, false,
                "file rejected: " + reason + "; nothing applied");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
