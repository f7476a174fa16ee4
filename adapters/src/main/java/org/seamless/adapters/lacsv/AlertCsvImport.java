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
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.stream.IntStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.seamless.adapters.pds.ExtractTracer;
import org.seamless.adapters.pds.TraceStore;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.spi.AlertExtractState;
import org.seamless.adapters.spi.ImportProgress;
import org.seamless.adapters.spi.InboundGate;
import org.seamless.mappings.alert.AlertCsvReader;
import org.seamless.mappings.alert.AlertMessages;
import org.seamless.mappings.alert.AlertRowException;
import org.seamless.mappings.alert.AlertRows;
import org.seamless.mappings.alert.SocialCareAlert;
import org.seamless.mappings.canonical.Digests;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.canonical.SeamlessEvent;
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
 *
 * <p>With PDS tracing on (ADR 0079) a third pass runs between the two: every valid row without an NHS number is
 * searched in PDS by its demographics and (by default) every row's own number is read; the answers are stored per
 * file and line before use, so a re-run asks nothing twice. A unique exact match gives the row its number, a
 * superseded number is replaced, and both are sent marked verified; no match, several matches or an unknown
 * number hold the row (listed in the rejects file, kept in the work queue, never sent). When the rows without a
 * number are traced at less than the minimum rate the whole extract is held (nothing sent) with an operator alert.
 */
public final class AlertCsvImport {
    static final String EDGE = "la-csv-alerts";
    // why: one state lookup, one state transaction (an H2 commit rewrites every page it touched) per 2,000 rows;
    // a chunk of built messages is ~30 MB at most (ADR 0066)
    static final int CHUNK = 2000;

    private final AgencyConfig la;
    private final AlertCsvSettings settings;
    private final InboundGate gate;
    private final AlertExtractState state;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final ExtractTracer tracer;
    private final TraceSettings trace;
    // why: pass 1 checks a row without a number like any other; this valid number is never sent
    private static final NhsNumber VALIDATION_ONLY = NhsNumber.parse("9999999999");

    public AlertCsvImport(AgencyConfig la, AlertCsvSettings settings, InboundGate gate, AlertExtractState state,
                          Clock clock) {
        this(la, settings, gate, state, clock, System::nanoTime);
    }

    /** An import that traces with PDS as {@code trace} says ({@code tracer} null: no tracing). */
    public AlertCsvImport(AgencyConfig la, AlertCsvSettings settings, InboundGate gate, AlertExtractState state,
                          Clock clock, ExtractTracer tracer, TraceSettings trace) {
        this(la, settings, gate, state, clock, System::nanoTime, tracer, trace);
    }

    /** {@code nanoTime}: the monotonic time the progress reports measure rates with. */
    public AlertCsvImport(AgencyConfig la, AlertCsvSettings settings, InboundGate gate, AlertExtractState state,
                          Clock clock, LongSupplier nanoTime) {
        this(la, settings, gate, state, clock, nanoTime, null, TraceSettings.OFF);
    }

    AlertCsvImport(AgencyConfig la, AlertCsvSettings settings, InboundGate gate, AlertExtractState state,
                   Clock clock, LongSupplier nanoTime, ExtractTracer tracer, TraceSettings trace) {
        this.tracer = trace.enabled() ? tracer : null;
        this.trace = trace;
        this.la = la;
        this.settings = settings;
        this.gate = gate;
        this.state = state;
        this.clock = clock;
        this.nanoTime = nanoTime;
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
        writeSummary(reportDir.resolve(name + ".summary.csv"), name, result, tracer != null);
        return result;
    }

    private AlertImportResult run(Path file, boolean full, ConsentRejects rejects) throws IOException {
        ImportProgress progress = new ImportProgress(la.id(), file.getFileName().toString(), tracer == null ? 2 : 3, nanoTime,
                p -> state.importProgress(la.id(), p));
        try {
            AlertImportResult r = run(file, full, rejects, progress);
            progress.stopped();
            return r;
        } catch (IOException | RuntimeException e) {
            progress.stopped();
            throw e;
        }
    }

    private AlertImportResult run(Path file, boolean full, ConsentRejects rejects, ImportProgress progress)
            throws IOException {
        String mode = full ? "full" : "delta";
        LocalDate today = LocalDate.now(clock.withZone(settings.layout().zone()));
        MessageDigest sha = sha256();
        String runId = UUID.randomUUID().toString();
        Counts c = new Counts();
        progress.startPass("validate", -1, Files.size(file));
        try (CountingInputStream counted = new CountingInputStream(Files.newInputStream(file));
             InputStream in = new DigestInputStream(counted, sha);
             AlertCsvReader reader = AlertCsvReader.open(in, settings.layout())) {
            List<String> chunk = new ArrayList<>(CHUNK);
            while (reader.hasNext()) {
                AlertCsvReader.Row row = reader.next();
                c.read++;
                try {
                    chunk.add(validate(row).alertId());
                } catch (AlertRowException e) {
                    c.rejected++;
                    rejects.add(row.line(), e.code(), e.getMessage());
                }
                if (chunk.size() == CHUNK) {
                    markSeen(chunk, full, runId);
                    chunk.clear();
                    progress.rows(c.read, c.rejected, counted.count());
                }
            }
            markSeen(chunk, full, runId);
            in.transferTo(OutputStream.nullOutputStream()); // why: the digest must cover the whole file
            progress.endPass(c.read, c.rejected);
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
        String digest = HexFormat.of().formatHex(sha.digest());
        Tracing traced = null;
        if (tracer != null) {
            traced = tracePass(file, digest, c, rejects, progress);
            if (traced.belowMinimum(trace.minimumMatchRatePercent())) {
                String reason = String.format(Locale.ROOT, "held: %d of %d rows without an NHS number traced (%.1f%%),"
                                + " below the minimum match rate of %s%%; nothing applied", traced.counts.traced(),
                        traced.counts.searched(), traced.counts.matchRatePercent(), trace.minimumMatchRatePercent());
                state.operatorAlert(la.id(), "pds-match-rate-below-minimum", "file " + file.getFileName() + ": " + reason);
                return new AlertImportResult(mode, c.read, 0, c.rejected, 0, 0, 0, 0, 0, false, reason, traced.counts);
            }
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
        progress.startPass("send", c.read, -1);
        String reason = publish(file, digest, today, full, runId, allowed, c, rejects, progress, traced);
        if (c.refusedByGate > 0) {
            reason = (reason == null ? "" : reason + "; ") + c.refusedByGate + " rows refused by the gate";
        }
        return new AlertImportResult(mode, c.read, c.accepted, c.rejected, c.refusedByGate, c.started, c.updated,
                c.ended, c.unchanged, true, reason, traced == null ? AlertImportResult.TraceCounts.NONE : traced.counts);
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
                           Counts c, ConsentRejects rejects, ImportProgress progress, Tracing traced) throws IOException {
        Instant sentAt = today.atStartOfDay(settings.layout().zone()).toInstant();
        String seenRun = full ? runId : null;
        long rows = 0;
        // why: while one chunk goes through the gate and into the state (one thread, in file order), this thread
        // reads and checks the rows of the next (ADR 0091): the gate and the state see exactly the calls, in exactly
        // the order, they saw when both were done on this thread; only reading the file overlaps them
        ChunkSender sender = new ChunkSender();
        long rowsSent = 0;
        try (sender; AlertCsvReader reader = AlertCsvReader.open(Files.newInputStream(file), settings.layout())) {
            List<Pending> chunk = new ArrayList<>(CHUNK);
            while (reader.hasNext()) {
                AlertCsvReader.Row row = reader.next();
                rows++;
                try {
                    TraceStore.Traced t = traced == null ? null : traced.answers.get(row.line());
                    if (t != null && t.outcome().held()) {
                        continue; // why: held in the work queue and listed in the rejects file by the trace pass
                    }
                    SocialCareAlert a = AlertRows.toAlert(row, settings.layout(), la.id(), la.odsCode(), la.name(),
                            t == null ? null : t.nhsNumber());
                    boolean checked = traced != null && (t != null || trace.verifyNumbers());
                    chunk.add(new Pending(a, fileDigest + ":" + row.line(), row.line(), checked));
                } catch (AlertRowException e) {
                    continue; // already in the rejects file
                }
                if (chunk.size() == CHUNK) {
                    if (sender.awaitPrevious()) { // why: the counts are read only between chunks, never during one
                        progress.rows(rowsSent, c.rejected + c.refusedByGate, -1);
                    }
                    rowsSent = rows;
                    List<Pending> toSend = chunk;
                    sender.submit(() -> send(toSend, today, sentAt, seenRun, c, rejects));
                    chunk = new ArrayList<>(CHUNK);
                }
            }
            if (sender.awaitPrevious()) {
                progress.rows(rowsSent, c.rejected + c.refusedByGate, -1);
            }
            send(chunk, today, sentAt, seenRun, c, rejects);
        }
        progress.endPass(rows, c.rejected + c.refusedByGate);
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
                true, a.teamName(), a.teamPhone()), fileDigest + ":missing:" + a.alertId(), 0, false)));
        long refusedBefore = c.refusedEnds;
        for (int i = 0; i < ends.size(); i += CHUNK) {
            send(ends.subList(i, Math.min(ends.size(), i + CHUNK)), today, sentAt, seenRun, c, rejects);
        }
        return c.refusedEnds > refusedBefore ? c.refusedEnds + " ends of missing alerts refused by the gate" : null;
    }

    /**
     * A message to send: the alert, the seed of its message id, its line in the file (0: ended as missing), and
     * whether PDS verified, traced or replaced its number.
     */
    private record Pending(SocialCareAlert alert, String idSeed, long line, boolean pdsChecked) {
    }

    /**
     * What a pending row needs before the gate: its digest and, when it changed, its message encoded once.
     * {@code known} is what the state held before the row.
     */
    private record Prepared(String digest, AlertExtractState.Known known, SocialCareAlert alert,
                            InboundGate.Submission submission) {
        boolean unchanged() {
            return submission == null;
        }
    }

    private Prepared prepare(Pending p, AlertExtractState.Known k, LocalDate today, Instant sentAt) {
        SocialCareAlert a = p.alert();
        String digest = digest(a, today);
        if (k != null && k.digest().equals(digest)) {
            return new Prepared(digest, k, a, null);
        }
        SeamlessEvent event = AlertMessages.eventFor(a, k != null, today);
        // why: the same change from the same state is the same message (a re-run after a crash is deduplicated
        // by the gate); the same line of the same file from another state (the file again after other changes)
        // is another message, never a reused id with other content
        String messageId = UUID.nameUUIDFromBytes((p.idSeed() + ":" + today + ":" + digest + ":"
                + (k == null ? "new" : k.digest())).getBytes(StandardCharsets.UTF_8)).toString();
        // why: encoded once here, and written directly rather than by HAPI (the same characters, ADR 0091); the gate
        // digests and publishes this encoding (ADR 0066), so a re-run is still deduplicated
        AlertMessages.Encoded message = AlertMessages.encoded(a, event, messageId, sentAt, today, p.pdsChecked());
        return new Prepared(digest, k, a, InboundGate.Submission.canonical(la, EDGE, message.message(), message.json()));
    }

    private void send(List<Pending> chunk, LocalDate today, Instant sentAt, String seenRun, Counts c,
                      ConsentRejects rejects) throws IOException {
        if (chunk.isEmpty()) {
            return;
        }
        Map<String, AlertExtractState.Known> known = state.lookup(la.id(),
                chunk.stream().map(p -> p.alert().alertId()).toList());
        // why: building and encoding the changed rows' messages is most of an import's CPU (JFR, ADR 0066); it is
        // done for the chunk on every core, then the gate sees the messages one by one in file order. A row whose
        // alert id appears again in the chunk waits until the gate has answered the earlier one (its message
        // depends on that answer)
        Map<String, Integer> seen = new HashMap<>();
        chunk.forEach(p -> seen.merge(p.alert().alertId(), 1, Integer::sum));
        Prepared[] prepared = new Prepared[chunk.size()];
        IntStream.range(0, chunk.size()).parallel().forEach(i -> {
            Pending p = chunk.get(i);
            if (seen.get(p.alert().alertId()) == 1) {
                prepared[i] = prepare(p, known.get(p.alert().alertId()), today, sentAt);
            }
        });
        List<AlertExtractState.Saved> saved = new ArrayList<>();
        for (int i = 0; i < chunk.size(); i++) {
            Pending p = chunk.get(i);
            Prepared ready = prepared[i] != null ? prepared[i] : prepare(p, known.get(p.alert().alertId()), today, sentAt);
            SocialCareAlert a = ready.alert();
            AlertExtractState.Known k = ready.known();
            if (ready.unchanged()) {
                c.accepted++;
                c.unchanged++; // unchanged, or already sent by an earlier run of this file
                continue;
            }
            InboundGate.Admission admission = gate.admit(ready.submission());
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
                // why: an alert the state did not hold is inserted, not deleted and inserted (ADR 0066); a second row
                // of the same alert in this chunk is known by then
                saved.add(new AlertExtractState.Saved(a, ready.digest(), active, k != null));
                known.put(a.alertId(), new AlertExtractState.Known(ready.digest(), active));
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

    /** Pass 1's check of a row: a row without a number is valid when tracing is on and it has what PDS needs. */
    private SocialCareAlert validate(AlertCsvReader.Row row) {
        if (tracer != null && AlertRows.lacksNhsNumber(row, settings.layout())) {
            trace.demographics(row, settings.layout());
            return AlertRows.toAlert(row, settings.layout(), la.id(), la.odsCode(), la.name(), VALIDATION_ONLY);
        }
        return AlertRows.toAlert(row, settings.layout(), la.id(), la.odsCode(), la.name());
    }

    /** The trace pass's answers (the lines PDS did not simply verify) and its counts. */
    private record Tracing(Map<Long, TraceStore.Traced> answers, AlertImportResult.TraceCounts counts) {
        boolean belowMinimum(double minimumPercent) {
            return counts.searched() > 0 && counts.matchRatePercent() < minimumPercent;
        }
    }

    /**
     * Asks PDS about every valid row, a chunk at a time, through the tracer (stored answers first). Held rows go to
     * the rejects file with PDS's reason (codes only).
     */
    private Tracing tracePass(Path file, String digest, Counts c, ConsentRejects rejects, ImportProgress progress)
            throws IOException {
        String name = file.getFileName().toString();
        progress.startPass("trace", c.read, -1);
        Map<Long, TraceStore.Traced> kept = new HashMap<>();
        long[] n = new long[TraceStore.Outcome.values().length];
        long rows = 0;
        try (AlertCsvReader reader = AlertCsvReader.open(Files.newInputStream(file), settings.layout())) {
            List<ExtractTracer.Request> chunk = new ArrayList<>(CHUNK);
            while (reader.hasNext()) {
                AlertCsvReader.Row row = reader.next();
                rows++;
                ExtractTracer.Request r = request(row);
                if (r != null) {
                    chunk.add(r);
                }
                if (chunk.size() == CHUNK) {
                    answered(tracer.trace(la.id(), digest, name, chunk), kept, n, rejects);
                    chunk.clear();
                    progress.rows(rows, c.rejected, -1);
                }
            }
            answered(tracer.trace(la.id(), digest, name, chunk), kept, n, rejects);
        }
        progress.endPass(rows, c.rejected);
        return new Tracing(kept, new AlertImportResult.TraceCounts(n[TraceStore.Outcome.VERIFIED.ordinal()],
                n[TraceStore.Outcome.SUPERSEDED.ordinal()], n[TraceStore.Outcome.TRACED.ordinal()],
                n[TraceStore.Outcome.NO_MATCH.ordinal()], n[TraceStore.Outcome.MULTIPLE_MATCHES.ordinal()],
                n[TraceStore.Outcome.NOT_FOUND.ordinal()]));
    }

    private void answered(Map<Long, TraceStore.Traced> answers, Map<Long, TraceStore.Traced> kept, long[] n,
                          ConsentRejects rejects) throws IOException {
        for (TraceStore.Traced t : answers.values().stream().sorted(java.util.Comparator
                .comparingLong(TraceStore.Traced::line)).toList()) {
            n[t.outcome().ordinal()]++;
            if (t.outcome() != TraceStore.Outcome.VERIFIED) {
                kept.put(t.line(), t);
            }
            if (t.outcome().held()) {
                rejects.add(t.line(), "pds-" + t.outcome().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                        switch (t.outcome()) {
                            case NO_MATCH -> "held: no NHS number, and PDS found no exact match for the row's details";
                            case MULTIPLE_MATCHES -> "held: no NHS number, and PDS found several patients matching the row's details";
                            default -> "held: PDS does not hold the row's NHS number (unknown or invalidated)";
                        });
            }
        }
    }

    /** What to ask PDS about a row, or null (invalid: already rejected; a number not to verify). */
    private ExtractTracer.Request request(AlertCsvReader.Row row) {
        try {
            validate(row);
            if (AlertRows.lacksNhsNumber(row, settings.layout())) {
                return new ExtractTracer.Request(row.line(), null, trace.demographics(row, settings.layout()));
            }
            return trace.verifyNumbers() ? new ExtractTracer.Request(row.line(), AlertRows.toAlert(row,
                    settings.layout(), la.id(), la.odsCode(), la.name()).nhsNumber(), null) : null;
        } catch (AlertRowException e) {
            return null;
        }
    }

    private static AlertImportResult refused(String mode, Counts c, String reason) {
        return new AlertImportResult(mode, c.read, 0, c.rejected, 0, 0, 0, 0, 0, false, reason);
    }

    /** Counts the bytes read through it, for the first pass's estimate of the time left. */
    private static final class CountingInputStream extends java.io.FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long k = super.skip(n);
            count += k;
            return k;
        }
    }

    /** Work that may fail with an {@link IOException}. */
    private interface IoWork {
        void run() throws IOException;
    }

    /**
     * One chunk at a time on a thread of its own: {@link #submit} after {@link #awaitPrevious}, so chunks are sent
     * strictly one after another, in the order submitted; a chunk's failure is thrown by the next
     * {@link #awaitPrevious} (or {@link #close}), and nothing after it is sent.
     */
    private static final class ChunkSender implements AutoCloseable {
        private final java.util.concurrent.ExecutorService thread = java.util.concurrent.Executors.newSingleThreadExecutor(
                r -> {
                    Thread t = new Thread(r, "alert-import-send");
                    t.setDaemon(true);
                    return t;
                });
        private java.util.concurrent.Future<?> previous;

        void submit(IoWork work) {
            if (previous != null && !previous.isDone()) {
                throw new IllegalStateException("a chunk is still being sent");
            }
            previous = thread.submit(() -> {
                work.run();
                return null;
            });
        }

        /** Waits for the chunk submitted last; false when none was on its way. */
        boolean awaitPrevious() throws IOException {
            if (previous == null) {
                return false;
            }
            java.util.concurrent.Future<?> f = previous;
            previous = null;
            try {
                f.get();
            } catch (InterruptedException e) {
                f.cancel(true);
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("alert import interrupted while a chunk was being sent");
            } catch (java.util.concurrent.ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof IOException io) {
                    throw io;
                }
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(cause);
            }
            return true;
        }

        /** Waits for the chunk being sent, if any (its failure is thrown unless another is on its way). */
        @Override
        public void close() throws IOException {
            try {
                awaitPrevious();
            } finally {
                thread.shutdown();
            }
        }
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
        writeSummary(target, fileName, r, false);
    }

    /** The summary row; with {@code traced}, PDS's counts follow (ADR 0079). */
    static void writeSummary(Path target, String fileName, AlertImportResult r, boolean traced) throws IOException {
        List<String> header = new ArrayList<>(List.of("file", "mode", "rows_read", "accepted", "rejected",
                "refused_by_gate", "started", "updated", "ended", "unchanged", "outcome", "reason"));
        List<Object> row = new ArrayList<>(List.of(fileName, r.mode(), r.rowsRead(), r.accepted(), r.rejected(),
                r.refusedByGate(), r.started(), r.updated(), r.ended(), r.unchanged(), r.applied() ? "applied" : "rejected",
                r.reason() == null ? "" : r.reason()));
        if (traced) {
            AlertImportResult.TraceCounts t = r.trace();
            header.addAll(List.of("pds_verified", "pds_superseded", "pds_traced", "pds_held", "pds_match_rate_percent"));
            row.addAll(List.of(t.verified(), t.superseded(), t.traced(), t.held(),
                    String.format(Locale.ROOT, "%.1f", t.matchRatePercent())));
        }
        try (CSVPrinter p = new CSVPrinter(Files.newBufferedWriter(target, StandardCharsets.UTF_8),
                CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).get())) {
            p.printRecord(row);
        }
    }
}
