package org.seamless.privacy.ledger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One ledger entry as stored. Personal data appears only as the keyed subject index. Optional
 * fields are {@code null}. {@link #canonical()} is the byte string the chain hash commits to.
 *
 * @param seq          position in the chain, from 1, gapless
 * @param subjectIndex keyed HMAC index of the NHS number ({@code withheld:<reason>} when withheld)
 * @param dataClasses  released resource types, sorted and comma-separated
 * @param entryHash    HMAC chain hash, hex; {@code null} before it is computed
 * @param consentRecorder the agency that recorded the consent or objection the decision rested on
 *                     ({@code consentRef}); {@code null} when none (and in entries made before it was kept)
 * @param linkedSubject the other subject index a {@link EntryKind#SUBJECT_LINK} entry joins (the superseded
 *                     NHS number's); {@code null} in every other entry
 */
public record LedgerEntry(
        long seq, EntryKind kind, String messageId, String recipient, int replayGeneration,
        String eventCode, String sourceAgency, String subjectIndex, String outcome, String ruleId,
        String purpose, String legalBasis, String consentRef, String overrideReason, String dataClasses,
        String payloadDigest, Instant occurredAt, Instant recordedAt, String entryHash, String consentRecorder,
        String linkedSubject) {

    public LedgerEntry {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(subjectIndex, "subjectIndex");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(recordedAt, "recordedAt");
    }

    /** An entry that links no other subject (every kind but {@link EntryKind#SUBJECT_LINK}). */
    public LedgerEntry(long seq, EntryKind kind, String messageId, String recipient, int replayGeneration,
                       String eventCode, String sourceAgency, String subjectIndex, String outcome, String ruleId,
                       String purpose, String legalBasis, String consentRef, String overrideReason, String dataClasses,
                       String payloadDigest, Instant occurredAt, Instant recordedAt, String entryHash,
                       String consentRecorder) {
        this(seq, kind, messageId, recipient, replayGeneration, eventCode, sourceAgency, subjectIndex, outcome, ruleId,
                purpose, legalBasis, consentRef, overrideReason, dataClasses, payloadDigest, occurredAt, recordedAt,
                entryHash, consentRecorder, null);
    }

    /** An entry without a consent recorder (acknowledgements, decisions that rested on no record). */
    public LedgerEntry(long seq, EntryKind kind, String messageId, String recipient, int replayGeneration,
                       String eventCode, String sourceAgency, String subjectIndex, String outcome, String ruleId,
                       String purpose, String legalBasis, String consentRef, String overrideReason, String dataClasses,
                       String payloadDigest, Instant occurredAt, Instant recordedAt, String entryHash) {
        this(seq, kind, messageId, recipient, replayGeneration, eventCode, sourceAgency, subjectIndex, outcome, ruleId,
                purpose, legalBasis, consentRef, overrideReason, dataClasses, payloadDigest, occurredAt, recordedAt,
                entryHash, null);
    }

    /** Times are kept to the millisecond, which every supported database stores exactly. */
    public static Instant stored(Instant t) {
        return t.truncatedTo(ChronoUnit.MILLIS);
    }

    public LedgerEntry withSeqAndHash(long newSeq, String hash) {
        return new LedgerEntry(newSeq, kind, messageId, recipient, replayGeneration, eventCode, sourceAgency,
                subjectIndex, outcome, ruleId, purpose, legalBasis, consentRef, overrideReason, dataClasses,
                payloadDigest, occurredAt, recordedAt, hash, consentRecorder, linkedSubject);
    }

    /**
     * Length-prefixed, fixed-order serialisation of every field but the hash: unambiguous and stable.
     * The consent recorder, added later, is appended only when set, so entries without one (all
     * entries written before it existed) serialise exactly as before and their hashes stay valid; the linked
     * subject (ADR 0084) likewise.
     */
    public byte[] canonical() {
        StringBuilder b = new StringBuilder("seamless-ledger-v1");
        for (Object v : new Object[] {seq, kind.name(), messageId, recipient, replayGeneration, eventCode,
                sourceAgency, subjectIndex, outcome, ruleId, purpose, legalBasis, consentRef, overrideReason,
                dataClasses, payloadDigest, occurredAt, recordedAt}) {
            if (v == null) {
                b.append("|-1:");
            } else {
                String s = v.toString();
                b.append('|').append(s.length()).append(':').append(s);
            }
        }
        if (consentRecorder != null) {
            b.append("|consent-recorder|").append(consentRecorder.length()).append(':').append(consentRecorder);
        }
        if (linkedSubject != null) {
            b.append("|linked-subject|").append(linkedSubject.length()).append(':').append(linkedSubject);
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "LedgerEntry[seq=" + seq + ", kind=" + kind + ", message=" + messageId + ", recipient=" + recipient
                + ", generation=" + replayGeneration + ", outcome=" + outcome + "]";
    }
}
