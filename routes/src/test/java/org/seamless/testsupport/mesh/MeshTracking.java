package org.seamless.testsupport.mesh;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answer of the outbox tracking endpoints about one sent message: the v2 shape (snake case,
 * {@code status} lower case) and the v1 shape (camel case, also the deprecated by-local-id endpoint).
 * Timestamps as the specification's examples write them: {@code yyyyMMddHHmmss} for expiry and upload
 * times, ISO local date-time (UTC) for the v2 {@code status_timestamp}. Absent values are left out.
 */
final class MeshTracking {
    private final MeshMessage m;
    private final MeshMailbox recipient;
    private final MeshMailbox sender;

    MeshTracking(MeshMessage m, Map<String, MeshMailbox> mailboxes) {
        this.m = m;
        this.recipient = mailboxes.get(m.to);
        this.sender = mailboxes.get(m.from);
    }

    private String expiry() {
        return m.deliveredAt == null ? null : MeshDownloadHeaders.time(m.deliveredAt.plus(MeshPostOffice.INBOX_LIFETIME));
    }

    private static String iso(Instant at) {
        return at == null ? null : LocalDateTime.ofInstant(at.truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC).toString();
    }

    Map<String, Object> v2() {
        Map<String, Object> t = new LinkedHashMap<>();
        put(t, "message_id", m.id);
        put(t, "local_id", m.localId);
        put(t, "workflow_id", m.workflowId);
        put(t, "filename", m.fileName);
        put(t, "expiry_time", expiry());
        put(t, "upload_timestamp", MeshDownloadHeaders.time(m.uploadedAt));
        put(t, "recipient", m.to);
        put(t, "recipient_name", recipient == null ? null : recipient.name());
        put(t, "recipient_ods_code", recipient == null ? null : recipient.odsCode());
        put(t, "recipient_org_code", recipient == null ? null : recipient.odsCode());
        put(t, "recipient_org_name", recipient == null ? null : recipient.name());
        put(t, "status_success", m.statusSuccess);
        put(t, "status", m.status.wire);
        put(t, "status_event", m.statusEvent);
        put(t, "status_timestamp", iso(m.statusAt));
        put(t, "status_description", m.statusDescription);
        put(t, "status_code", m.statusCode);
        return t;
    }

    Map<String, Object> v1() {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("addressType", "ALL");
        put(t, "checksum", m.checksum);
        t.put("chunkCount", m.totalChunks());
        put(t, "contentEncoding", m.contentEncoding);
        put(t, "downloadTimestamp", MeshDownloadHeaders.time(m.acknowledgedAt));
        t.put("dtsId", m.id);
        put(t, "expiryTime", expiry());
        if (!m.statusSuccess) {
            put(t, "failureDate", MeshDownloadHeaders.time(m.statusAt));
            put(t, "failureDiagnostic", m.statusDescription);
        }
        put(t, "fileName", m.fileName);
        t.put("fileSize", m.size());
        put(t, "isCompressed", m.compressed);
        put(t, "localId", m.localId);
        put(t, "meshRecipientOdsCode", recipient == null ? null : recipient.odsCode());
        t.put("messageId", m.id);
        t.put("messageType", m.type);
        t.put("recipient", m.to);
        put(t, "recipientName", recipient == null ? null : recipient.name());
        put(t, "recipientOrgCode", recipient == null ? null : recipient.odsCode());
        put(t, "recipientOrgName", recipient == null ? null : recipient.name());
        t.put("sender", m.from);
        put(t, "senderName", sender == null ? null : sender.name());
        put(t, "senderOdsCode", sender == null ? null : sender.odsCode());
        put(t, "senderOrgCode", sender == null ? null : sender.odsCode());
        put(t, "senderOrgName", sender == null ? null : sender.name());
        // why: v1 capitalises the status ("Accepted"), v2 does not
        t.put("status", Character.toUpperCase(m.status.wire.charAt(0)) + m.status.wire.substring(1));
        put(t, "statusCode", m.statusCode);
        put(t, "statusDescription", m.statusDescription);
        put(t, "statusEvent", m.statusEvent);
        t.put("statusSuccess", m.statusSuccess ? "SUCCESS" : "ERROR");
        put(t, "statusTimestamp", MeshDownloadHeaders.time(m.statusAt));
        put(t, "subject", m.subject);
        put(t, "uploadTimestamp", MeshDownloadHeaders.time(m.uploadedAt));
        t.put("version", "1.0");
        put(t, "workflowId", m.workflowId);
        return t;
    }

    private static void put(Map<String, Object> t, String k, Object v) {
        if (v != null) {
            t.put(k, v);
        }
    }
}
