package org.seamless.adapters.vcswebhook.api;

import org.seamless.mappings.vcs.VcsInputException;

/** The body of {@code POST /api/v1/vcs/inbox/ack}: {@code {"cursor": <the last item's cursor>}}. */
public record VcsAck(Long cursor) {

    static long read(byte[] body) {
        VcsAck ack;
        try {
            ack = org.seamless.mappings.vcs.VcsJson.read(body, VcsAck.class);
        } catch (VcsInputException e) {
            throw VcsApiException.of(e);
        }
        if (ack.cursor() == null) {
            throw new VcsApiException(VcsProblemType.MISSING_FIELD, "cursor", "field 'cursor' is required", null);
        }
        if (ack.cursor() < 0) {
            throw new VcsApiException(VcsProblemType.INVALID_VALUE, "cursor", "field 'cursor' must not be negative",
                    null);
        }
        return ack.cursor();
    }
}
