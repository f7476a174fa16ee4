package org.seamless.adapters.lacsv;

/**
 * What importing one consents or responses file did. Every row read is counted once:
 * {@code rowsRead = accepted + rejected + refusedByGate} (ADR 0030, as for alert extracts).
 * {@code accepted} counts rows the gate holds (including {@code duplicates}, rows an earlier run of the
 * same content already published); {@code rejected} rows failed the file's own checks;
 * {@code refusedByGate} rows passed them but the inbound gate refused their message. A rejected file
 * ({@code applied} false) says why in {@code reason}, without personal values.
 */
public record ConsentImportResult(String sha256, long rowsRead, long accepted, long duplicates, long rejected,
                                  long refusedByGate, boolean applied, String reason) {

    /** The folder the input file goes to. */
    public String folder() {
        return applied ? "processed" : "failed";
    }
}
