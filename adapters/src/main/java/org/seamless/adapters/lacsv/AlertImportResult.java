package org.seamless.adapters.lacsv;

/**
 * The outcome of one alert extract. {@code applied} false means nothing was sent and the file goes
 * to {@code failed/} with {@code reason}.
 *
 * <p>Every row read is counted once: {@code rowsRead = accepted + rejected + refusedByGate} when applied.
 * {@code rejected} rows failed the layout's checks; {@code refusedByGate} rows were valid but the inbound
 * gate refused their message; {@code accepted} rows are held (sent now, or unchanged since an earlier
 * extract). {@code started}, {@code updated}, {@code ended} and {@code unchanged} say what the accepted rows
 * did; {@code ended} also counts the alerts a full extract ended because they were missing from it.
 *
 * <p>With PDS tracing (ADR 0079), {@code trace} says what PDS answered, and rows PDS held are counted there
 * ({@link TraceCounts#held()}), not as accepted: {@code rowsRead = accepted + rejected + refusedByGate + trace.held()}.
 */
public record AlertImportResult(String mode, long rowsRead, long accepted, long rejected, long refusedByGate,
                                long started, long updated, long ended, long unchanged, boolean applied,
                                String reason, TraceCounts trace) {

    /** Without tracing. */
    public AlertImportResult(String mode, long rowsRead, long accepted, long rejected, long refusedByGate,
                             long started, long updated, long ended, long unchanged, boolean applied, String reason) {
        this(mode, rowsRead, accepted, rejected, refusedByGate, started, updated, ended, unchanged, applied, reason,
                TraceCounts.NONE);
    }

    /**
     * What PDS answered for the valid rows: numbers {@code verified} current, {@code superseded} and replaced,
     * rows without a number {@code traced}, or held for {@code noMatch} / {@code multipleMatches}, and numbers
     * PDS does not hold ({@code notFound}, held).
     */
    public record TraceCounts(long verified, long superseded, long traced, long noMatch, long multipleMatches,
                              long notFound) {
        public static final TraceCounts NONE = new TraceCounts(0, 0, 0, 0, 0, 0);

        public long held() {
            return noMatch + multipleMatches + notFound;
        }

        /** Rows without a number that PDS was asked to trace. */
        public long searched() {
            return traced + noMatch + multipleMatches;
        }

        /** Traced rows as a share of the rows searched (100 when none was). */
        public double matchRatePercent() {
            return searched() == 0 ? 100.0 : traced * 100.0 / searched();
        }
    }

    public String folder() {
        return applied ? "processed" : "failed";
    }
}
