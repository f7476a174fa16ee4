package org.seamless.adapters.spi;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.mappings.message.MessageIssue;

/**
 * Where an adapter's inbound edge hands a parsed canonical message: checks it, and either
 * publishes it durably to the source agency's inbound address or rejects it (keeping it for
 * inspection). Returns only after the broker has the message; throws {@link Unavailable} when the
 * broker cannot store it now, which an edge answers as "try again later" (HTTP 503 with Retry-After).
 */
public interface InboundGate {

    Admission admit(Submission submission);

    /**
     * The checks {@link #admit} runs before publishing (subject, and for a consent-update the hub's
     * Consent mapping), without publishing or keeping anything: empty when the message would be admitted.
     */
    List<MessageIssue> check(Submission submission);

    /**
     * A message as received at an edge; {@code source} comes from authentication, never the message.
     * {@code canonicalJson}, when not null, is {@code MessageBundles.toJson(message)} already computed by
     * the edge that built the message (see {@link #canonical}); the gate publishes and digests it instead of
     * encoding the message again (ADR 0066). Null for edges that received someone else's bytes.
     */
    record Submission(AgencyConfig source, String edge, Bundle message, byte[] raw, String contentType,
                      String canonicalJson) {
        public Submission(AgencyConfig source, String edge, Bundle message, byte[] raw, String contentType) {
            this(source, edge, message, raw, contentType, null);
        }

        /**
         * A message this process built itself (a CSV import): encoded once; the encoding is both what is kept
         * if the gate refuses it ({@code raw}) and what the gate publishes. The message must not change after.
         */
        public static Submission canonical(AgencyConfig source, String edge, Bundle message) {
            return canonical(source, edge, message, MessageBundles.toJson(message));
        }

        /** As {@link #canonical(AgencyConfig, String, Bundle)}, with {@code json} already encoded by the caller. */
        public static Submission canonical(AgencyConfig source, String edge, Bundle message, String json) {
            return new Submission(source, edge, message, json.getBytes(StandardCharsets.UTF_8), "application/fhir+json",
                    json);
        }

        /** The message's canonical JSON: the edge's encoding when it gave one, else encoded now. */
        public String json() {
            return canonicalJson != null ? canonicalJson : MessageBundles.toJson(message);
        }
    }

    /** The gate's answer. */
    sealed interface Admission permits Accepted, Rejected {
    }

    /** Published (or already published earlier: {@code duplicate}). */
    record Accepted(String messageId, boolean duplicate) implements Admission {
    }

    /** Not published; {@code reference} names the kept copy, {@code code} is the stable reason code. */
    record Rejected(List<MessageIssue> issues, String reference, String code) implements Admission {
        public Rejected(List<MessageIssue> issues, String reference) {
            this(issues, reference, "rejected");
        }
    }

    /**
     * The broker could not store the message now (down, failing over, or full), after the gate's own retries:
     * nothing was accepted and nothing is kept, the sender should send the same message again after
     * {@link #retryAfterSeconds()} (the duplicate id makes a repeat safe). The message names the broker's
     * failure type only, never the message's content.
     */
    final class Unavailable extends RuntimeException {
        private final long retryAfterSeconds;

        public Unavailable(String message, long retryAfterSeconds, Throwable cause) {
            super(message, cause);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }
}
