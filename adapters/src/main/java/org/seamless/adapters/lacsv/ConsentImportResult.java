package org.seamless.adapters.lacsv;

/**
 * What importing one consents file did. {@code accepted} counts rows the gate holds (including
 * {@code duplicates}, rows an earlier run of the same content already published); a rejected file
 * ({@code applied} false) publishes nothing and {@code reason} says why, without personal values.
 */
public record ConsentImportResult(String sha256, long rowsRead, long accepted, long duplicates, long rejected,
                                  boolean applied, String reason) {

    /** The folder the input file goes to. */
    public String folder() {
        return applied ? "processed" : "failed";
    }
}
