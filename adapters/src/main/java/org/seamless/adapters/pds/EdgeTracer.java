package org.seamless.adapters.pds;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.seamless.mappings.canonical.NhsNumber;

/**
 * Tracing for the single-message edges (JSON referral API, HL7 v2, LA SOAP; ADR 0079): one record, traced or
 * verified by {@link ExtractTracer} as one "extract" of one line. Its key is the SHA-256 of the edge, the message's
 * id and the SHA-256 of its content, so the same message sent again gets the first answer without asking PDS, and a
 * corrected message (same id, other content) is asked about afresh. The stored name is the edge and the message id:
 * no personal value. Throws {@link PdsUnavailableException} when PDS cannot answer (nothing is stored then).
 */
public final class EdgeTracer {
    /** Line number of the one record of a message. */
    public static final long LINE = 1;

    private EdgeTracer() {
    }

    /** What to do with the record: {@code nhsNumber} is the number to send (null when held). */
    public record Result(TraceStore.Outcome outcome, NhsNumber nhsNumber) {
        public boolean held() {
            return outcome.held();
        }

        /** The work-queue reason, as the ops API names it. */
        public String reason() {
            return switch (outcome) {
                case NO_MATCH -> "no-match";
                case MULTIPLE_MATCHES -> "multiple-matches";
                case NOT_FOUND -> "number-not-in-pds";
                default -> outcome.name().toLowerCase(java.util.Locale.ROOT);
            };
        }
    }

    /**
     * Traces ({@code given} null: by {@code demographics}) or verifies ({@code given}: read by number) one record of
     * {@code agencyId}'s message {@code messageId} arriving at {@code edge}; {@code content} is the message as
     * received (only its digest is kept).
     */
    public static Result trace(PdsTracing pds, String agencyId, String edge, String messageId, byte[] content,
                               NhsNumber given, Demographics demographics) {
        ExtractTracer.Request request = new ExtractTracer.Request(LINE, given, given == null ? demographics : null);
        String digest = sha256(edge + "\n" + messageId + "\n" + sha256(content));
        String name = edge + " " + messageId;
        TraceStore.Traced t = new ExtractTracer(pds.client(), pds.store()).trace(agencyId, digest,
                name.length() > 255 ? name.substring(0, 255) : name, List.of(request)).get(LINE);
        return new Result(t.outcome(), t.outcome() == TraceStore.Outcome.VERIFIED ? given : t.nhsNumber());
    }

    static String sha256(String s) {
        return sha256(s.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b == null ? new byte[0] : b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
