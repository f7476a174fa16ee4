package org.seamless.adapters.lacsv;

/**
 * The outcome of one alert extract. {@code applied} false means nothing was sent and the file goes
 * to {@code failed/} with {@code reason}.
 */
public record AlertImportResult(String mode, long rowsRead, long accepted, long rejected, long started, long updated,
                                long ended, long unchanged, boolean applied, String reason) {

    public String folder() {
        return applied ? "processed" : "failed";
    }
}
