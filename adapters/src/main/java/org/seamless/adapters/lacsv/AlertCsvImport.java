package org.seamless.adapters.lacsv;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.hl7.fhir.r4.model.Bundle;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.spi.AlertExtractState;
import org.seamless.adapters.spi.InboundGate;
import org.seamless.mappings.alert.AlertCsvReader;
import org.seamless.mappings.alert.AlertMessages;
import org.seamless.mappings.alert.AlertRowException;
import org.seamless.mappings.alert.AlertRows;
import org.seamless.mappings.alert.SocialCareAlert;
import org.seamless.mappings.canonical.Digests;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.message.MessageBundles;

/**
 * Imports one LA alert extract ({@code alerts-full-*.csv} or {@code alerts-delta-*.csv}) in two
 * streaming passes. Pass 1 validates every row, writes the rejects, compares each valid row with the
 * adapter's state (chunks of {@value #CHUNK}) and, for a full extract, marks what it saw. Only if the
 * rejected share is within the threshold and (full) the alerts it would end are within the
 * maximum-change guard does pass 2 send: a start, update or end message for each changed row, then for
 * each active alert a full extract lacks an end message. State is saved after each chunk's messages
 * are with the broker; message ids come from the file's SHA-256, the line and the day, so a re-run
 * after a crash sends only what is missing and the gate drops what it already has.
 */
public final class AlertCsvImport {
    static final String EDGE = "la-csv-alerts";
    static final int CHUNK = 500;

    private final AgencyConfig la;
    private final AlertCsvSettings settings;
    private final InboundGate gate;
    private final AlertExtractState state;
    private final Clock clock;

    public AlertCsvImport(AgencyConfig la, AlertCsvSettings settings, InboundGate gate, AlertExtractState state,
                          Clock clock) {
        this.la = la;
        this.settings = settings;
        this.gate = gate;
        this.state = state;
        this.clock = clock;
    }

    /** True for a full extract, from the file name: {@code alerts-full-...} (otherwise a delta). */
    static boolean isFull(String fileName) {
        return fileName.toLowerCase(Locale.ROOT).startsWith("alerts-full-");
    }

    /** Imports {@code file}, writing {@code <name>.rejects.csv} and {@code <name>.summary.csv} into {@code reportDir}. */
    public AlertImportResult importFile(Path file, Path reportDir) throws IOException {
        String name = file.getFileName().toString();
        ConsentRejects rejects = new ConsentRejects(reportDir);
        AlertImportResult result;
        try {
            result = run(file, isFull(name), rejects);
            rejects.publish(reportDir.resolve(name + ".rejects.csv"));
        } catch (IOException | RuntimeException e) {
            rejects.discard();
            throw e;
        }
        writeSummary(reportDir.resolve(name + ".summary.csv"), name, result);
        return result;
    }

    private AlertImportResult run(Path file, boolean full, ConsentRejects rejects) throws IOException {
        String mode = full ? "full" : "delta";
        LocalDate today = LocalDate.now(clock.withZone(settings.layout().zone()));
        MessageDigest sha = sha256();
        String runId = UUID.randomUUID().toString();
        Counts c = new Counts();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha);
             AlertCsvReader reader = AlertCsvReader.open(in, settings.layout())) {
            List<SocialCareAlert> chunk = new ArrayList<>(CHUNK);
            while (reader.hasNext()) {
                AlertCsvReader.Row row = reader.next();
                c.read++;
                try {
                    chunk.add(AlertRows.toAlert(row, settings.layout(), la.id(), la.odsCode(), la.name()));
                } catch (AlertRowException e) {
                    c.rejected++;
                    rejects.add(row.line(), e.code(), e.getMessage());
                }
                if (chunk.size() == CHUNK) {
                    classify(chunk, today, full, runId, c);
                    chunk.clear();
                }
            }
            classify(chunk, today, full, runId, c);
            in.transferTo(OutputStream.nullOutputStream()); // why: the digest must cover the whole file
        } catch (AlertRowException e) {
            return refused(mode, c, "file rejected: " + e.getMessage() + "; nothing applied");
        } catch (CharacterCodingException e) {
            return refused(mode, c, "file rejected: not valid " + settings.layout().encoding().name() + "; nothing applied");
        } catch (UncheckedIOException | IllegalStateException e) {
            return refused(mode, c, "file rejected: " + (e.getCause() instanceof CharacterCodingException
                    ? "not valid " + settings.layout().encoding().name() : "not valid CSV after data row " + c.read)
                    + "; nothing applied");
        }
        if (c.read > 0 && c.rejected * 100.0 / c.read > settings.rejectThresholdPercent()) {
            return refused(mode, c, String.format(Locale.ROOT,
                    "%d of %d rows rejected (%.1f%%), more than the threshold of %s%%; nothing applied",
                    c.rejected, c.read, c.rejected * 100.0 / c.read, settings.rejectThresholdPercent()));
        }
        long missing = full ? state.countActiveNotSeen(la.id(), runId) : 0;
        if (full) {
            long active = state.countActive(la.id());
            long allowed = Math.max(settings.maxEndFloor(), (long) Math.floor(active * settings.maxEndPercent() / 100.0));
            if (missing > allowed) {
                String reason = String.format(Locale.ROOT, "full extract would end %d of %d active alerts, more than"
                        + " the maximum-change guard allows (%d); nothing applied", missing, active, allowed);
                state.operatorAlert(la.id(), "alert-extract-max-change", reason);
                return refused(mode, c, reason);
            }
        }
        String digest = HexFormat.of().formatHex(sha.digest());
        long[] sent = publish(file, digest, today, full, runId);
        return new AlertImportResult(mode, c.read, c.read - c.rejected, c.rejected + sent[1], c.started, c.updated,
                c.ended + missing, c.unchanged, true, sent[1] > 0 ? sent[1] + " rows refused by the gate" : null);
    }

    private void classify(List<SocialCareAlert> chunk, LocalDate today, boolean full, String runId, Counts c) {
        if (chunk.isEmpty()) {
            return;
        }
        List<String> ids = chunk.stream().map(SocialCareAlert::alertId).toList();
        Map<String, AlertExtractState.Known> known = state.lookup(la.id(), ids);
        for (SocialCareAlert a : chunk) {
            AlertExtractState.Known k = known.get(a.alertId());
            if (k != null && k.digest().equals(digest(a, today))) {
                c.unchanged++;
            } else if (!a.activeOn(today)) {
                c.ended++;
            } else if (k == null) {
                c.started++;
            } else {
                c.updated++;
            }
        }
        if (full) {
            state.markSeen(la.id(), runId, ids);
        }
    }

    /** Pass 2: sends what changed; returns {sent, refused by the gate}. */
    private long[] publish(Path file, String fileDigest, LocalDate today, boolean full, String runId) throws IOException {
        long[] counts = new long[2];
        Instant sentAt = today.atStartOfDay(settings.layout().zone()).toInstant();
        try (AlertCsvReader reader = AlertCsvReader.open(Files.newInputStream(file), settings.layout())) {
            List<Pending> chunk = new ArrayList<>(CHUNK);
            while (reader.hasNext()) {
                AlertCsvReader.Row row = reader.next();
                try {
                    SocialCareAlert a = AlertRows.toAlert(row, settings.layout(), la.id(), la.odsCode(), la.name());
                    chunk.add(new Pending(a, fileDigest + ":" + row.line()));
                } catch (AlertRowException e) {
                    continue; // already in the rejects file
                }
                if (chunk.size() == CHUNK) {
                    send(chunk, today, sentAt, counts);
                    chunk.clear();
                }
            }
            send(chunk, today, sentAt, counts);
        }
        if (full) {
            List<Pending> ends = new ArrayList<>(CHUNK);
            state.forEachActiveNotSeen(la.id(), runId, a -> ends.add(new Pending(new SocialCareAlert(a.laAgencyId(),
                    a.laOdsCode(), a.laName(), a.alertId(), a.nhsNumber(), a.type(), a.start(), a.end(), a.review(),
                    true, a.teamName(), a.teamPhone()), fileDigest + ":missing:" + a.alertId())));
            for (int i = 0; i < ends.size(); i += CHUNK) {
                send(ends.subList(i, Math.min(ends.size(), i + CHUNK)), today, sentAt, counts);
            }
        }
        return counts;
    }

    private record Pending(SocialCareAlert alert, String idSeed) {
    }

    private void send(List<Pending> chunk, LocalDate today, Instant sentAt, long[] counts) {
        if (chunk.isEmpty()) {
            return;
        }
        Map<String, AlertExtractState.Known> known = state.lookup(la.id(),
                chunk.stream().map(p -> p.alert().alertId()).toList());
        List<AlertExtractState.Saved> saved = new ArrayList<>();
        for (Pending p : chunk) {
            SocialCareAlert a = p.alert();
            String digest = digest(a, today);
            AlertExtractState.Known k = known.get(a.alertId());
            if (k != null && k.digest().equals(digest)) {
                continue; // unchanged, or already sent by an earlier run of this file
            }
            SeamlessEvent event = AlertMessages.eventFor(a, k != null, today);
            String messageId = UUID.nameUUIDFromBytes((p.idSeed() + ":" + today).getBytes(StandardCharsets.UTF_8)).toString();
            Bundle message = AlertMessages.message(a, event, messageId, sentAt, today);
            InboundGate.Admission admission = gate.admit(new InboundGate.Submission(la, EDGE, message,
                    MessageBundles.toJson(message).getBytes(StandardCharsets.UTF_8), "application/fhir+json"));
            if (admission instanceof InboundGate.Accepted) {
                counts[0]++;
                saved.add(new AlertExtractState.Saved(a, digest, a.activeOn(today)));
                known.put(a.alertId(), new AlertExtractState.Known(digest, a.activeOn(today)));
            } else {
                counts[1]++;
            }
        }
        state.save(la.id(), saved);
    }

    /** What the LA said about an alert, as it affects the Flag (today matters: an end date may have passed). */
    static String digest(SocialCareAlert a, LocalDate today) {
        return Digests.sha256Hex(String.join("|", a.alertId(), a.nhsNumber().value(), a.type().code(),
                a.start().toString(), String.valueOf(a.end()), String.valueOf(a.review()), String.valueOf(a.deleted()),
                String.valueOf(a.teamName()), String.valueOf(a.teamPhone()), String.valueOf(a.activeOn(today))));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static AlertImportResult refused(String mode, Counts c, String reason) {
        return new AlertImportResult(mode, c.read, 0, c.rejected, 0, 0, 0, 0, false, reason);
    }

    private static final class Counts {
        long read;
        long rejected;
        long started;
        long updated;
        long ended;
        long unchanged;
    }

    static void writeSummary(Path target, String fileName, AlertImportResult r) throws IOException {
        try (CSVPrinter p = new CSVPrinter(Files.newBufferedWriter(target, StandardCharsets.UTF_8),
                CSVFormat.DEFAULT.builder().setHeader("file", "mode", "rows_read", "accepted", "rejected", "started",
                        "updated", "ended", "unchanged", "outcome", "reason").get())) {
            p.printRecord(fileName, r.mode(), r.rowsRead(), r.accepted(), r.rejected(), r.started(), r.updated(),
                    r.ended(), r.unchanged(), r.applied() ? "applied" : "rejected", r.reason() == null ? "" : r.reason());
        }
    }
}
