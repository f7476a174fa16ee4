package org.seamless.testsupport.mesh;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The simulator's state: mailboxes, messages, delivery, acknowledgement, the 5-day expiry with its
 * error report to the sender, and injected non-delivery. Every method holds the one lock, so the
 * HTTP threads and the test's controls see one consistent post office.
 */
final class MeshPostOffice {
    static final Duration INBOX_LIFETIME = Duration.ofDays(5);
    static final Duration PURGE_AFTER = Duration.ofDays(30);
    static final String UNDELIVERED = "14";
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    /** A synchronous refusal of a send: the error code of the specification's table and its description. */
    record Refused(int httpStatus, String code, String description) {}

    /** The outcome of a send or a chunk upload: the message id, or why it was refused. */
    record Sent(String messageId, Refused refused) {}

    private record DeliveryFailure(String recipient, String code, String description) {}

    private final Map<String, MeshMailbox> mailboxes = new ConcurrentHashMap<>();
    private final Map<String, MeshMessage> messages = new LinkedHashMap<>();
    private final Deque<DeliveryFailure> failures = new ArrayDeque<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock wallClock;
    private Duration offset = Duration.ZERO;
    private long lastIdMicros;

    MeshPostOffice(Clock wallClock) {
        this.wallClock = wallClock;
    }

    Map<String, MeshMailbox> mailboxes() {
        return mailboxes;
    }

    void register(MeshMailbox mailbox) {
        mailboxes.put(mailbox.id(), mailbox);
    }

    /** The simulator's time: the wall clock moved on by {@link #advance}. */
    synchronized Instant now() {
        return wallClock.instant().plus(offset);
    }

    synchronized void advance(Duration by) {
        offset = offset.plus(by);
        expireUndelivered();
    }

    synchronized void failNextDelivery(String recipient, String code, String description) {
        failures.add(new DeliveryFailure(recipient, code, description));
    }

    /** A new message id in MESH's shape: {@code yyyyMMddHHmmss} + 6 digits of microseconds + {@code _} + 6 hex. */
    synchronized String newId() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, now());
        lastIdMicros = Math.max(micros, lastIdMicros + 1); // why: strictly increasing, so ids sort in send order
        Instant at = Instant.EPOCH.plus(lastIdMicros, ChronoUnit.MICROS);
        byte[] suffix = new byte[3];
        random.nextBytes(suffix);
        return ID_TIME.format(at) + String.format("%06d", lastIdMicros % 1_000_000) + "_"
                + HexFormat.of().withUpperCase().formatHex(suffix);
    }

    /** Sends a message (the first chunk of it when {@code totalChunks > 1}) from {@code sender}. */
    synchronized Sent send(String sender, MeshMessageHeaders h, byte[] firstChunk) {
        MeshMailbox from = mailboxes.get(sender);
        if (h.from() != null && !h.from().equals(sender)) {
            return refused(417, "07", "Invalid From Address, the mailbox does not match the authorization header");
        }
        if (h.to() == null || h.to().isBlank()) {
            return refused(417, "08", "Missing Mex-To header");
        }
        MeshMailbox to = mailboxes.get(h.to());
        if (to == null) {
            return refused(417, "12", "Unregistered to address");
        }
        if (!from.handles(h.workflowId()) || !to.handles(h.workflowId())) {
            return refused(417, "17", "Workflow ID not registered for mailbox");
        }
        Instant now = now();
        MeshMessage m = new MeshMessage(newId(), "DATA", to.id(), sender, to.id(), h.workflowId(), h.localId(),
                h.subject(), h.fileName(), h.contentType(), h.contentEncoding(), h.compressed(), h.checksum(), now,
                h.totalChunks());
        m.chunks[0] = firstChunk;
        m.status(MeshMessage.Status.UPLOADING, "UPLOAD", null, "Uploading", true, now);
        messages.put(m.id, m);
        if (m.allChunksArrived()) {
            deliver(m);
        }
        return new Sent(m.id, null);
    }

    /** Chunk {@code number} (2..n) of a chunked message {@code sender} started. */
    synchronized Sent chunk(String sender, String messageId, int number, String chunkRange, byte[] body) {
        MeshMessage m = messages.get(messageId);
        if (m == null || !m.from.equals(sender) || !"DATA".equals(m.type)) {
            return refused(404, "20", "Message does not exist");
        }
        if (m.status != MeshMessage.Status.UPLOADING) {
            return refused(423, null, "Message has been finalised; no more chunks can be uploaded");
        }
        if (number < 2 || number > m.totalChunks()
                || (chunkRange != null && !chunkRange.equals(number + ":" + m.totalChunks()))) {
            return refused(417, "06", "Malformed headers: mex-chunk-range does not match chunk " + number + " of "
                    + m.totalChunks());
        }
        m.chunks[number - 1] = body; // why: a retried chunk replaces the earlier upload of the same number
        if (m.allChunksArrived()) {
            deliver(m);
        }
        return new Sent(m.id, null);
    }

    private void deliver(MeshMessage m) {
        Instant now = now();
        DeliveryFailure failure = failures.stream()
                .filter(f -> f.recipient() == null || f.recipient().equals(m.to)).findFirst().orElse(null);
        if (failure != null) {
            failures.remove(failure);
            m.status(MeshMessage.Status.UNDELIVERABLE, "TRANSFER", failure.code(), failure.description(), false, now);
            report(m, "TRANSFER", failure.code(), failure.description());
            return;
        }
        m.deliveredAt = now;
        m.status(MeshMessage.Status.ACCEPTED, "TRANSFER", "00", "Transferred to recipient mailbox", true, now);
    }

    /** An error report (empty body, {@code REPORT}) about {@code m}, into its sender's inbox. */
    private void report(MeshMessage m, String event, String code, String description) {
        Instant now = now();
        MeshMessage r = new MeshMessage(newId(), "REPORT", m.from, null, m.to, m.workflowId, m.localId, m.subject,
                null, null, null, null, null, now, 1);
        r.chunks[0] = new byte[0];
        r.linkedMessageId = m.id;
        r.status(MeshMessage.Status.ACCEPTED, event, code, description, false, now);
        r.deliveredAt = now;
        messages.put(r.id, r);
    }

    /**
     * MESH's housekeeping at the simulator's time: a message not acknowledged within 5 days of delivery
     * leaves the inbox (410 from then on) and its sender gets an error report (code 14); a report that
     * is not collected just leaves. Uncollected messages are deleted 30 days after delivery.
     */
    synchronized void expireUndelivered() {
        Instant now = now();
        for (MeshMessage m : new ArrayList<>(messages.values())) {
            if (m.inInbox() && !m.deliveredAt.plus(INBOX_LIFETIME).isAfter(now)) {
                m.expired = true;
                if ("DATA".equals(m.type)) {
                    String why = "Message not collected by recipient after " + INBOX_LIFETIME.toDays() + " days";
                    m.status(MeshMessage.Status.UNDELIVERABLE, "SEND", UNDELIVERED, why, false, now);
                    report(m, "SEND", UNDELIVERED, why);
                }
            } else if (m.expired && !m.deliveredAt.plus(PURGE_AFTER).isAfter(now)) {
                messages.remove(m.id);
            }
        }
    }

    /** The ids in {@code mailbox}'s inbox, in the order they were sent. */
    synchronized List<MeshMessage> inbox(String mailbox, Predicate<MeshMessage> filter) {
        return messages.values().stream().filter(m -> m.inboxOwner.equals(mailbox) && m.inInbox()).filter(filter)
                .sorted(Comparator.comparing(m -> m.id)).toList();
    }

    /** A message addressed to {@code mailbox}'s inbox (delivered, expired or acknowledged), if it exists. */
    synchronized Optional<MeshMessage> received(String mailbox, String id) {
        MeshMessage m = messages.get(id);
        return m != null && m.inboxOwner.equals(mailbox) && m.deliveredAt != null ? Optional.of(m) : Optional.empty();
    }

    /** Acknowledges; {@code false} when the message is not in the inbox (any more). */
    synchronized boolean acknowledge(String mailbox, String id) {
        Optional<MeshMessage> m = received(mailbox, id);
        if (m.isEmpty() || m.get().expired) {
            return false;
        }
        MeshMessage msg = m.get();
        if (msg.acknowledgedAt == null) {
            Instant now = now();
            msg.acknowledgedAt = now;
            if ("DATA".equals(msg.type)) {
                msg.status(MeshMessage.Status.ACKNOWLEDGED, "DOWNLOAD", "00", "Acknowledged by recipient", true, now);
            }
        }
        return true;
    }

    /** Messages {@code sender} sent, matching {@code filter}. */
    synchronized List<MeshMessage> sent(String sender, Predicate<MeshMessage> filter) {
        return messages.values().stream().filter(m -> "DATA".equals(m.type) && sender.equals(m.from)).filter(filter)
                .toList();
    }

    synchronized Optional<MeshMessage> find(String id) {
        return Optional.ofNullable(messages.get(id));
    }

    synchronized List<MeshSimulator.Held> all(Predicate<MeshMessage> filter) {
        return messages.values().stream().filter(filter).map(MeshMessage::view).toList();
    }

    private Sent refused(int status, String code, String description) {
        return new Sent(null, new Refused(status, code, description));
    }
}
