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
 */
public record LedgerEntry(
        long seq, EntryKind kind, String messageId, String recipient, int replayGeneration,
        String eventCode, String sourceAgency, String subjectIndex, String outcome, String ruleId,
        String purpose, String legalBasis, String consentRef, String overrideReason, String dataClasses,
        String payloadDigest, Instant occurredAt, Instant recordedAt, String entryHash, String consentRecorder) {

    public LedgerEntry {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(subjectIndex, "subjectIndex");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(recordedAt, "recordedAt");
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
                payloadDigest, occurredAt, recordedAt, hash, consentRecorder);
    }

    /**
     * Length-prefixed, fixed-order serialisation of every field but the hash: unambiguous and stable.
     * The consent recorder, added later, is appended only when set, so entries without one (all
     * entries written before it existed) serialise exactly as before and their hashes stay valid.
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
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "LedgerEntry[seq=" + seq + ", kind=" + kind + ", message=" + messageId + ", recipient=" + recipient
                + ", generation=" + replayGeneration + ", outcome=" + outcome + "]";
    }
}
