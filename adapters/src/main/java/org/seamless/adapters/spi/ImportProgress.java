package org.seamless.adapters.spi;

import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress of one long CSV import, pass by pass: rows so far, rate, rejects so far and an estimate of
 * the time left in the pass (from the bytes read in a first pass, where the row count is not known
 * yet; from the rows of the first pass in a later one). Logs one INFO line at most every
 * {@link #LOG_EVERY_NANOS} or every {@link #LOG_EVERY_ROWS} rows, whichever comes first, and one when a
 * pass ends; hands a {@link Snapshot} to {@code sink} (the runtime's metrics) after every {@link #rows}
 * call. Counts and the file name only: never a value of a row (ADR 0066).
 */
public final class ImportProgress {
    public static final long LOG_EVERY_ROWS = 100_000;
    public static final long LOG_EVERY_NANOS = 10_000_000_000L;
    private static final Logger log = LoggerFactory.getLogger(ImportProgress.class);

    /**
     * One moment of an import. {@code totalRows} and {@code secondsLeft} are -1 while unknown;
     * {@code running} is false once the last pass has ended.
     */
    public record Snapshot(String file, String pass, int passNumber, int passes, long rows, long totalRows,
                           long rejected, double rowsPerSecond, long secondsLeft, boolean running) {
        /** The log line's text (counts and the file name only). */
        public String describe(String agencyId) {
            String of = totalRows >= 0 ? String.format(Locale.ROOT, " of %d (%d%%)", totalRows,
                    totalRows == 0 ? 100 : rows * 100 / totalRows) : "";
            String left = !running || secondsLeft == 0 && rows == totalRows ? "done"
                    : secondsLeft >= 0 ? "about " + secondsLeft + " s left" : "time left not known yet";
            return String.format(Locale.ROOT, "import progress: agency %s file %s pass %d/%d (%s): %d rows%s,"
                            + " %.0f rows/s, %d rejected so far, %s", agencyId, file, passNumber, passes, pass, rows, of,
                    rowsPerSecond, rejected, left);
        }
    }

    private final String agencyId;
    private final String file;
    private final int passes;
    private final LongSupplier nanoTime;
    private final Consumer<Snapshot> sink;
    private String pass = "validate";
    private int passNumber;
    private long total = -1;
    private long totalBytes = -1;
    private long passStart;
    private long lastLogNanos;
    private long lastLogRows;
    private Snapshot last;

    public ImportProgress(String agencyId, String file, int passes, LongSupplier nanoTime, Consumer<Snapshot> sink) {
        this.agencyId = agencyId;
        this.file = file;
        this.passes = passes;
        this.nanoTime = nanoTime;
        this.sink = sink;
    }

    /**
     * Starts the next pass. {@code totalRows}: the rows it will go through, -1 if not known yet (then
     * {@code totalBytes}, the file's size, gives the estimate).
     */
    public void startPass(String name, long totalRows, long totalBytes) {
        this.pass = name;
        this.passNumber++;
        this.total = totalRows;
        this.totalBytes = totalBytes;
        this.passStart = nanoTime.getAsLong();
        this.lastLogNanos = passStart;
        this.lastLogRows = 0;
    }

    /** {@code rows} of the current pass done so far, {@code bytesRead} of the file (-1: not known). */
    public void rows(long rows, long rejected, long bytesRead) {
        long now = nanoTime.getAsLong();
        last = snapshot(rows, rejected, bytesRead, now, true);
        sink.accept(last);
        if (rows - lastLogRows >= LOG_EVERY_ROWS || now - lastLogNanos >= LOG_EVERY_NANOS) {
            log.info(last.describe(agencyId));
            lastLogNanos = now;
            lastLogRows = rows;
        }
    }

    /** The current pass has gone through all its rows; logs its last line. */
    public void endPass(long rows, long rejected) {
        long now = nanoTime.getAsLong();
        boolean lastPass = passNumber >= passes;
        long seenTotal = total;
        total = rows;
        last = snapshot(rows, rejected, -1, now, !lastPass);
        total = seenTotal;
        sink.accept(last);
        log.info(last.describe(agencyId));
    }

    /** The import stopped before its last pass (refused, or failed): the metrics stop saying it runs. */
    public void stopped() {
        if (last != null && last.running()) {
            last = new Snapshot(last.file(), last.pass(), last.passNumber(), last.passes(), last.rows(),
                    last.totalRows(), last.rejected(), last.rowsPerSecond(), -1, false);
            sink.accept(last);
        }
    }

    /** The latest snapshot, null before the first. */
    public Snapshot last() {
        return last;
    }

    private Snapshot snapshot(long rows, long rejected, long bytesRead, long now, boolean running) {
        double secs = Math.max(now - passStart, 1) / 1e9;
        double rate = rows / secs;
        long left = -1;
        if (total >= 0 && rate > 0) {
            left = Math.round(Math.max(total - rows, 0) / rate);
        } else if (totalBytes > 0 && bytesRead > 0) {
            left = Math.round(secs * Math.max(totalBytes - bytesRead, 0) / bytesRead);
        }
        return new Snapshot(file, pass, passNumber, passes, rows, total, rejected, rate, left, running);
    }
}
