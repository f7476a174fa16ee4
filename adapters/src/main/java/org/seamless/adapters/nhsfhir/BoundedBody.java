package org.seamless.adapters.nhsfhir;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/** A request body read up to a limit: never buffers more than the limit plus one byte. */
record BoundedBody(byte[] bytes, boolean oversize) {

    static BoundedBody read(InputStream in, long max) throws IOException {
        int cap = (int) Math.min(max, Integer.MAX_VALUE - 16);
        byte[] buf = in.readNBytes(cap + 1);
        if (buf.length > cap) {
            // why: keep a bounded prefix for inspection, not the whole oversize body
            return new BoundedBody(Arrays.copyOf(buf, Math.min(cap, 64 * 1024)), true);
        }
        return new BoundedBody(buf, false);
    }
}
