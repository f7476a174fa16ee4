package org.seamless.adapters.spi;

import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.seamless.adapters.registry.AgencyConfig;
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

    /** A message as received at an edge; {@code source} comes from authentication, never the message. */
    record Submission(AgencyConfig source, String edge, Bundle message, byte[] raw, String contentType) {
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
