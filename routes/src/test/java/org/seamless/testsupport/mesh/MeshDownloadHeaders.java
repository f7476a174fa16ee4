package org.seamless.testsupport.mesh;

import com.sun.net.httpserver.Headers;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The response headers of a message or chunk download (and of {@code HEAD}): the sender's
 * {@code mex-*} metadata, {@code mex-messagetype} DATA or REPORT, {@code mex-chunk-range n:total},
 * and the status headers; an error report also carries {@code mex-linkedmsgid} and
 * {@code mex-statussuccess: ERROR}.
 */
final class MeshDownloadHeaders {
    static final DateTimeFormatter STATUS_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    private MeshDownloadHeaders() {
    }

    static void write(Headers h, MeshMessage m, int chunk) {
        h.set("Content-Type", m.contentType == null ? "application/octet-stream" : m.contentType);
        put(h, "Content-Encoding", m.contentEncoding);
        put(h, "mex-messageid", m.id);
        put(h, "mex-messagetype", m.type);
        put(h, "mex-from", m.from);
        put(h, "mex-to", m.to);
        put(h, "mex-workflowid", m.workflowId);
        put(h, "mex-localid", m.localId);
        put(h, "mex-subject", m.subject);
        put(h, "mex-filename", m.fileName);
        put(h, "mex-content-compressed", m.compressed);
        put(h, "mex-content-checksum", m.checksum);
        put(h, "mex-chunk-range", chunk + ":" + m.totalChunks());
        put(h, "mex-addresstype", "ALL");
        put(h, "mex-version", "1.0");
        boolean report = "REPORT".equals(m.type);
        // why: a DATA message shows the status of its transfer into this inbox, a report the failure it reports
        put(h, "mex-statusevent", report ? m.statusEvent : "TRANSFER");
        put(h, "mex-statuscode", report ? m.statusCode : "00");
        put(h, "mex-statussuccess", report ? "ERROR" : "SUCCESS");
        put(h, "mex-statusdescription", report ? m.statusDescription : "Transferred to recipient mailbox");
        put(h, "mex-statustimestamp", time(report ? m.statusAt : m.deliveredAt));
        put(h, "mex-linkedmsgid", m.linkedMessageId);
    }

    static String time(Instant at) {
        return at == null ? null : STATUS_TIME.format(at);
    }

    private static void put(Headers h, String name, String value) {
        if (value != null) {
            h.set(name, value);
        }
    }
}
