package org.seamless.adapters.vcswebhook.api;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The {@code Idempotency-Key} request header of the voluntary-sector API. An organisation that did not
 * get an answer (a timeout, a dropped connection) sends the same request again with the same key and
 * gets the first request's referral or outcome id back, marked {@code "duplicate": true}, instead of
 * making a second referral. The message id is derived from the organisation, the operation and the
 * key, so it is the same on every attempt and survives a restart of Seamless.
 */
public final class IdempotencyKeys {
    public static final String HEADER = "Idempotency-Key";
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private IdempotencyKeys() {
    }

    /** The key, if the header is present; a present but unusable key is a 422 problem. */
    static Optional<String> of(String header) {
        if (header == null) {
            return Optional.empty();
        }
        if (!VALID.matcher(header).matches()) {
            throw new VcsApiException(VcsProblemType.INVALID_VALUE, HEADER, "header '" + HEADER
                    + "' must be 1 to 64 characters from A-Z, a-z, 0-9 and . _ : -", null);
        }
        return Optional.of(header);
    }

    /** A name-based (version 3) UUID of the organisation, the operation and the key. */
    public static String messageId(String agencyId, String operation, String key) {
        return UUID.nameUUIDFromBytes(("seamless-vcs\n" + agencyId + "\n" + operation + "\n" + key)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }
}
