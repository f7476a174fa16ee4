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
 */
public record AlertImportResult(String mode, long rowsRead, long accepted, long rejected, long refusedByGate,
                                long started, long updated, long ended, long unchanged, boolean applied,
                                String reason) {

    public String folder() {
        return applied ? "processed" : "failed";
    }
}
