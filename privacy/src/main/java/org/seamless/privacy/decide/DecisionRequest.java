package org.seamless.privacy.decide;

import java.time.Instant;
import java.util.Objects;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.privacy.AgencyRef;
import org.seamless.privacy.identify.Subject;

/** One leg to decide: this message, about this subject, from this source, to this recipient, now. */
public record DecisionRequest(
        String messageId,
        SeamlessEvent event,
        AgencyRef source,
        AgencyRef recipient,
        Subject subject,
        Instant at) {

    public DecisionRequest {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(at, "at");
    }
}
