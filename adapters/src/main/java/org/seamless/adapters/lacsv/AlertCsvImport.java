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
import org.seamless.mappings.message.MessageIssue;

/**
 * Imports one LA alert extract ({@code alerts-full-*.csv} or {@code alerts-delta-*.csv}) in two
 * streaming passes. Pass 1 validates every row, writes the rejects and, for a full extract, marks the
 * alerts of the state it saw (chunks of {@value #CHUNK}). Only if the rejected share is within the
 * threshold and (full) the alerts it would end are within the maximum-change guard does pass 2 send: a
 * start, update or end message for each changed row (an alert this run starts or updates is saved as
 * seen by it), then, after checking the guard again, for each active alert a full extract lacks an end
 * message. Each row read is counted once: accepted, rejected or refused by the gate; the rejects file
 * lists the rejected and the refused lines. State is saved after each chunk's messages are with the
 * broker; message ids come from the file's SHA-256, the line, the day and the change (the alert's digest
 * before and after), so a re-run after a crash sends only what is missing and the gate drops what it
 * already has, while the same file after other changes never reuses an id for other content.
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
            List<String> chunk = new ArrayList<>(CHUNK);
            while (reader.hasNext()) {
                AlertCsvReader.Row row = reader.next();
                c.read++;
                try {
                    chunk.add(AlertRows.toAlert(row, settings.layout(), la.id(), la.odsCode(), la.name()).alertId());
                } catch (AlertRowException e) {
                    c.rejected++;
                    rejects.add(row.line(), e.code(), e.getMessage());
                }
                if (chunk.size() == CHUNK) {
                    markSeen(chunk, full, runId);
                    chunk.clear();
                }
            }
            markSeen(chunk, full, runId);
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
        long allowed = 0;
        if (full) {
            // what this run would end: alerts held before it, active, and not in the file (the file's new alerts
            // are not in the state yet, and once started they are saved as seen by this run)
            long missing = state.countActiveNotSeen(la.id(), runId);
            long active = state.countActive(la.id());
            allowed = Math.max(settings.maxEndFloor(), (long) Math.floor(active * settings.maxEndPercent() / 100.0));
            if (missing > allowed) {
                String reason = String.format(Locale.ROOT, "full extract would end %d of %d active alerts, more than"
                        + " the maximum-change guard allows (%d); nothing applied", missing, active, allowed);
                state.operatorAlert(la.id(), "alert-extract-max-change", reason);
                return refused(mode, c, reason);
            }
        }
        String digest = HexFormat.of().formatHex(sha.digest());
        String reason = publish(file, digest, today, full, runId, allowed, c, rejects);
        if (c.refusedByGate > 0) {
            reason = (reason == null ? "" : reason + "; ") + c.refusedByGate + " rows refused by the gate";
        }
        return new AlertImportResult(mode, c.read, c.accepted, c.rejected, c.refusedByGate, c.started, c.updated,
                c.ended, c.unchanged, true, reason);
    }

    private void markSeen(List<String> ids, boolean full, String runId) {
        if (full && !ids.isEmpty()) {
            state.markSeen(la.id(), runId, ids);
        }
    }

    /**
     * Pass 2: sends what changed, counting each valid row once; then, for a full extract, ends the active
     * alerts it lacks. Returns a note for the summary's reason, or null.
     */
    private String publish(Path file, String fileDigest, LocalDate today, boolean full, String runId, long allowed,
                           Counts c, ConsentRejects rejects) throws IOException {
        Instant sentAt = today.atStartOfDay(settings.layout().zone()).toInstant();
        String seenRun = full ? runId : null;
        try (AlertCsvReader reader = AlertCsvReader.open(Files.newInputStream(file), settings.layout())) {
            List<Pending> chunk = new ArrayList<>(CHUNK);
            while (reader.hasNext()) {
                AlertCsvReader.Row row = reader.next();
                try {
                    SocialCareAlert a = AlertRows.toAlert(row, settings.layout(), la.id(), la.odsCode(), la.name());
                    chunk.add(new Pending(a, fileDigest + ":" + row.line(), row.line()));
                } catch (AlertRowException e) {
                    continue; // already in the rejects file
                }
                if (chunk.size() == CHUNK) {
                    send(chunk, today, sentAt, seenRun, c, rejects);
                    chunk.clear();
                }
            }
            send(chunk, today, sentAt, seenRun, c, rejects);
        }
        if (!full) {
            return null;
        }
        // why: check again after this run's own starts and updates, before ending anything
        long toEnd = state.countActiveNotSeen(la.id(), runId);
        if (toEnd > allowed) {
            String reason = String.format(Locale.ROOT, "full extract would end %d active alerts after its own starts,"
                    + " more than the maximum-change guard allows (%d); no alert ended", toEnd, allowed);
            state.operatorAlert(la.id(), "alert-extract-max-change", reason);
            return reason;
        }
        List<Pending> ends = new ArrayList<>(CHUNK);
        state.forEachActiveNotSeen(la.id(), runId, a -> ends.add(new Pending(new SocialCareAlert(a.laAgencyId(),
                a.laOdsCode(), a.laName(), a.alertId(), a.nhsNumber(), a.type(), a.start(), a.end(), a.review(),
                true, a.teamName(), a.teamPhone()), fileDigest + ":missing:" + a.alertId(), 0)));
        long refusedBefore = c.refusedEnds;
        for (int i = 0; i < ends.size(); i += CHUNK) {
            send(ends.subList(i, Math.min(ends.size(), i + CHUNK)), today, sentAt, seenRun, c, rejects);
        }
        return c.refusedEnds > refusedBefore ? c.refusedEnds + " ends of missing alerts refused by the gate" : null;
    }

    /** A message to send: the alert, the seed of its message id, its line in the file (0: ended as missing). */
    private record Pending(SocialCareAlert alert, String idSeed, long line) {
    }

    private void send(List<Pending> chunk, LocalDate today, Instant sentAt, String seenRun, Counts c,
                      ConsentRejects rejects) throws IOException {
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
                c.accepted++;
                c.unchanged++; // unchanged, or already sent by an earlier run of this file
                continue;
            }
            SeamlessEvent event = AlertMessages.eventFor(a, k != null, today);
            // why: the same change from the same state is the same message (a re-run after a crash is deduplicated
            // by the gate); the same line of the same file from another state (the file again after other changes)
            // is another message, never a reused id with other content
            String messageId = UUID.nameUUIDFromBytes((p.idSeed() + ":" + today + ":" + digest + ":"
                    + (k == null ? "new" : k.digest())).getBytes(StandardCharsets.UTF_8)).toString();
            Bundle message = AlertMessages.message(a, event, messageId, sentAt, today);
            InboundGate.Admission admission = gate.admit(new InboundGate.Submission(la, EDGE, message,
                    MessageBundles.toJson(message).getBytes(StandardCharsets.UTF_8), "application/fhir+json"));
            if (admission instanceof InboundGate.Accepted) {
                boolean active = a.activeOn(today);
                if (p.line() > 0) {
                    c.accepted++;
                }
                if (!active) {
                    c.ended++;
                } else if (k == null) {
                    c.started++;
                } else {
                    c.updated++;
                }
                saved.add(new AlertExtractState.Saved(a, digest, active));
                known.put(a.alertId(), new AlertExtractState.Known(digest, active));
            } else if (admission instanceof InboundGate.Rejected no) {
                if (p.line() > 0) {
                    c.refusedByGate++;
                    rejects.add(p.line(), no.code(), "refused by the inbound gate: " + no.issues().stream()
                            .map(MessageIssue::diagnostics).reduce((x, y) -> x + "; " + y).orElse(no.code())
                            + " (kept as " + no.reference() + ")");
                } else {
                    c.refusedEnds++;
                }
            }
        }
        state.save(la.id(), seenRun, saved);
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
        return new AlertImportResult(mode, c.read, 0, c.rejected, 0, 0, 0, 0, 0, false, reason);
    }

    private static final class Counts {
        long read;
        long accepted;
        long rejected;
        long refusedByGate;
        long refusedEnds;
        long started;
        long updated;
        long ended;
        long unchanged;
    }

    static void writeSummary(Path target, String fileName, AlertImportResult r) throws IOException {
        try (CSVPrinter p = new CSVPrinter(Files.newBufferedWriter(target, StandardCharsets.UTF_8),
                CSVFormat.DEFAULT.builder().setHeader("file", "mode", "rows_read", "accepted", "rejected", "refused_by_gate",
                        "started", "updated", "ended", "unchanged", "outcome", "reason").get())) {
            p.printRecord(fileName, r.mode(), r.rowsRead(), r.accepted(), r.rejected(), r.refusedByGate(), r.started(),
                    r.updated(), r.ended(), r.unchanged(), r.applied() ? "applied" : "rejected",
                    r.reason() == null ? "" : r.reason());
        }
    }
}
