package org.seamless.testsupport.mesh;

import com.sun.net.httpserver.Headers;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code mex-*} (and content) headers of a send-message request, read and checked against the
 * specification's limits. A header that breaks them is "malformed headers" (error code 06).
 */
record MeshMessageHeaders(String from, String to, String workflowId, String localId, String subject, String fileName,
                          String contentType, String contentEncoding, String compressed, String checksum,
                          int totalChunks) {
    private static final Pattern FIRST_CHUNK = Pattern.compile("1:(\\d{1,6})");
    /** Header to its maximum length in the specification. */
    private static final Map<String, Integer> MAX = Map.of("mex-to", 100, "mex-workflowid", 300, "mex-subject", 500,
            "mex-localid", 300, "mex-filename", 300, "mex-content-checksum", 100, "mex-chunk-range", 20);

    /** The headers, or a {@link Malformed} exception saying which one is wrong. */
    static MeshMessageHeaders read(Headers h) throws Malformed {
        for (Map.Entry<String, Integer> e : MAX.entrySet()) {
            String v = h.getFirst(e.getKey());
            if (v != null && v.length() > e.getValue()) {
                throw new Malformed(e.getKey() + " is longer than " + e.getValue() + " characters");
            }
        }
        String workflow = h.getFirst("mex-workflowid");
        if (workflow == null || workflow.isBlank()) {
            throw new Malformed("mex-workflowid is missing");
        }
        int total = 1;
        String range = h.getFirst("mex-chunk-range");
        if (range != null && !range.isEmpty()) {
            Matcher m = FIRST_CHUNK.matcher(range);
            if (!m.matches() || Integer.parseInt(m.group(1)) < 1) {
                throw new Malformed("mex-chunk-range of the first chunk must be 1:n");
            }
            total = Integer.parseInt(m.group(1));
        }
        return new MeshMessageHeaders(h.getFirst("mex-from"), h.getFirst("mex-to"), workflow, h.getFirst("mex-localid"),
                h.getFirst("mex-subject"), h.getFirst("mex-filename"), h.getFirst("content-type"),
                h.getFirst("content-encoding"), h.getFirst("mex-content-compressed"),
                h.getFirst("mex-content-checksum"), total);
    }

    /** A send request whose headers break the specification's rules. */
    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }
}
