package org.seamless.adapters.vcswebhook.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.seamless.adapters.registry.AgencyConfig;

/**
 * What the voluntary-sector API needs from the hub: submitting referrals and outcomes (mapped to canonical
 * messages and handed to the inbound gate, with the idempotency key), the organisation's own referrals and
 * its pull inbox. The runtime provides it ({@link org.seamless.adapters.spi.EdgeContext#service}); the
 * hub's tables stay the hub's. Every call is scoped to one organisation. A refusal is a
 * {@link VcsApiException}; a broker that cannot store a submission now is
 * {@link org.seamless.adapters.spi.InboundGate.Unavailable}.
 */
public interface VcsHub {

    /** The message id of an accepted submission, and whether it repeats an earlier one. */
    record Accepted(String id, boolean duplicate) {
    }

    /**
     * A referral as its organisation sees it: {@code role} {@code sent} or {@code received}, the other
     * organisation, the status (for a sent referral, what the sender may know of it, ADR 0040) and, when
     * it was withheld, the sharing rule that withheld it.
     */
    record Referral(String referralId, String role, String counterpart, String status, Optional<String> withheldRule,
                    String outcomeId, Instant createdAt, Instant updatedAt) {
    }

    /** One pull-inbox item. */
    record InboxItem(long seq, String eventId, String event, String contentType, String body, Instant keptAt) {
    }

    /** A referral (JSON body as sent) from {@code caller}; {@code key}: the Idempotency-Key header. */
    Accepted submitReferral(AgencyConfig caller, byte[] body, String contentType, Optional<String> key);

    /** An outcome on a referral {@code caller} received. */
    Accepted submitOutcome(AgencyConfig caller, String referralId, byte[] body, String contentType,
                           Optional<String> key);

    /** The organisation's own referrals, newest first. */
    List<Referral> referrals(String agencyId, int limit);

    /** One of the organisation's own referrals; another organisation's is simply not found. */
    Optional<Referral> referral(String agencyId, String referralId);

    /** The referral as it was released to this organisation, when it is one the views cover. */
    Optional<JsonNode> released(String agencyId, String referralId);

    /** Unacknowledged pull-inbox items after {@code afterSeq}, oldest first. */
    List<InboxItem> inbox(String agencyId, long afterSeq, int limit);

    /** Acknowledges every pull-inbox item up to and including {@code cursor}; how many were newly acked. */
    int acknowledge(String agencyId, long cursor);

    /** Items still waiting in the organisation's pull inbox. */
    int waiting(String agencyId);
}
