package org.seamless.testsupport.mesh;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.Arrays;

/**
 * One message held by the simulator (a sender's DATA message or a MESH error REPORT), with its
 * chunks, its {@code mex-*} metadata and its life-cycle state. Mutated only under the
 * {@link MeshPostOffice}'s lock.
 */
final class MeshMessage {
    /** The tracking {@code status} values the simulator uses (lower case, as the v2 tracking shape shows). */
    enum Status {
        UPLOADING("uploading"), ACCEPTED("accepted"), ACKNOWLEDGED("acknowledged"), UNDELIVERABLE("undeliverable");

        final String wire;

        Status(String wire) {
            this.wire = wire;
        }
    }

    final String id;
    final String type; // DATA or REPORT
    final String inboxOwner; // whose inbox it lands in: the recipient of DATA, the sender of the DATA a REPORT is about
    final String from;
    final String to;
    final String workflowId;
    final String localId;
    final String subject;
    final String fileName;
    final String contentType;
    final String contentEncoding;
    final String compressed;
    final String checksum;
    final Instant uploadedAt;
    final byte[][] chunks;

    Status status;
    String statusEvent;
    String statusCode;
    String statusDescription;
    boolean statusSuccess;
    Instant statusAt;
    Instant deliveredAt;
    Instant acknowledgedAt;
    boolean expired; // removed from the inbox uncollected (410 Gone until purged)
    String linkedMessageId; // REPORT: the message it is about

    MeshMessage(String id, String type, String inboxOwner, String from, String to, String workflowId, String localId,
                String subject, String fileName, String contentType, String contentEncoding, String compressed,
                String checksum, Instant uploadedAt, int totalChunks) {
        this.id = id;
        this.type = type;
        this.inboxOwner = inboxOwner;
        this.from = from;
        this.to = to;
        this.workflowId = workflowId;
        this.localId = localId;
        this.subject = subject;
        this.fileName = fileName;
        this.contentType = contentType;
        this.contentEncoding = contentEncoding;
        this.compressed = compressed;
        this.checksum = checksum;
        this.uploadedAt = uploadedAt;
        this.chunks = new byte[totalChunks][];
    }

    int totalChunks() {
        return chunks.length;
    }

    boolean allChunksArrived() {
        return Arrays.stream(chunks).allMatch(c -> c != null);
    }

    boolean chunked() {
        return chunks.length > 1;
    }

    boolean inInbox() {
        return deliveredAt != null && acknowledgedAt == null && !expired;
    }

    void status(Status status, String event, String code, String description, boolean success, Instant at) {
        this.status = status;
        this.statusEvent = event;
        this.statusCode = code;
        this.statusDescription = description;
        this.statusSuccess = success;
        this.statusAt = at;
    }

    byte[] content() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] c : chunks) {
            if (c != null) {
                out.writeBytes(c);
            }
        }
        return out.toByteArray();
    }

    long size() {
        return Arrays.stream(chunks).filter(c -> c != null).mapToLong(c -> c.length).sum();
    }

    MeshSimulator.Held view() {
        return new MeshSimulator.Held(id, type, from, to, inboxOwner, workflowId, localId, subject, fileName,
                status.wire, statusCode, statusDescription, linkedMessageId, totalChunks(), content(),
                deliveredAt, acknowledgedAt, expired);
    }
}
