package org.seamless.adapters.lacsv;

import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;

/**
 * The ready marker written after each notice file (ADR 0010): {@code <data file>.ok}, a one-row
 * CSV manifest naming the data file with its row count and SHA-256. An LA import job takes only
 * data files whose marker exists and whose hash matches. Both names are deterministic, so a
 * redelivery rewrites the same two files.
 */
final class NoticeManifest {
    static final String SUFFIX = ".ok";
    static final String HEADER = "file,rows,sha256,message_id,replay_generation";

    private NoticeManifest() {
    }

    /**
     * The data file's name for a message's source-scoped key ({@code <source>_<message id>}) and replay
     * generation: identifiers and a number, no personal data.
     */
    static String dataFileName(String key, int generation) {
        return dataFileName(NOTICE_PREFIX, key, generation);
    }

    static final String NOTICE_PREFIX = "notice-";
    /** Alert access notifications: a file layout of their own (AlertAccessCsv). */
    static final String ACCESS_PREFIX = "alert-access-";
    /** Recalls of earlier messages (RecallCsv, ADR 0069). */
    static final String RECALL_PREFIX = "recall-";

    static String dataFileName(String prefix, String key, int generation) {
        return prefix + key + "-g" + generation + ".csv";
    }

    /** Turns the exchange holding the just-written data file into its marker (which names the sender's message id). */
    static void toMarker(Exchange exchange, String messageId, String key, int generation) {
        var msg = exchange.getMessage();
        byte[] data = msg.getBody(String.class).getBytes(StandardCharsets.UTF_8);
        String written = msg.getHeader(Exchange.FILE_NAME, String.class);
        // why: the data file's own name (notice or access file), as the formatter set it
        String name = written != null && written.endsWith(".csv") ? written : dataFileName(key, generation);
        msg.setBody(marker(name, data, messageId, generation));
        msg.setHeader(Exchange.FILE_NAME, name + SUFFIX);
    }

    static String marker(String fileName, byte[] data, String messageId, int generation) {
        return HEADER + "\r\n" + fileName + "," + dataRows(data) + "," + sha256(data) + "," + messageId + ","
                + generation + "\r\n";
    }

    /** Records after the header: CRLF record ends outside quotes (a quoted cell may hold a newline). */
    static int dataRows(byte[] data) {
        int records = 0;
        boolean quoted = false;
        for (int i = 0; i < data.length; i++) {
            if (data[i] == '"') {
                quoted = !quoted;
            } else if (!quoted && data[i] == '\n') {
                records++;
            }
        }
        return Math.max(0, records - 1);
    }

    static String sha256(byte[] data) {
        return org.seamless.mappings.canonical.Digests.sha256Hex(data);
    }
}
