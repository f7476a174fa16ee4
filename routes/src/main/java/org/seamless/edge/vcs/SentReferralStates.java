package org.seamless.edge.vcs;

import java.util.Optional;
import org.seamless.ops.tracking.MessageTracking;
import org.springframework.stereotype.Component;

/**
 * What the sender of a referral may know of it (ADR 0040): {@code sent} (accepted, on its way),
 * {@code delivered} (the receiving organisation's system has it), {@code refused} (its system refused
 * it), {@code withheld} with the sharing rule that withheld it, and {@code outcome-received} once the
 * receiver's outcome has reached the sender. Read from the tracking records the hub already keeps;
 * the reasons recorded with a decision (which may name a consent or an objection) are never shown.
 */
@Component
public class SentReferralStates {
    private final MessageTracking tracking;

    public SentReferralStates(MessageTracking tracking) {
        this.tracking = tracking;
    }

    /** A sent referral's status, and the rule when it was withheld. */
    public record State(String status, Optional<String> withheldRule) {
    }

    public State state(VcsStore.Referral r, String sender) {
        if (VcsStore.OUTCOME_RECEIVED.equals(r.status())) {
            return new State(VcsStore.OUTCOME_RECEIVED, Optional.empty());
        }
        Optional<MessageTracking.LegView> leg = tracking.track(r.referralId(), sender)
                .flatMap(m -> m.recipients().stream().filter(l -> l.agency().equals(r.counterpart())).findFirst());
        if (leg.isEmpty()) {
            return new State("sent", Optional.empty());
        }
        return switch (leg.get().state()) {
            case "withheld" -> new State("withheld", leg.get().history().stream()
                    .filter(s -> s.state().equals("withheld")).reduce((a, b) -> b)
                    .map(s -> String.valueOf(s.detail().get("rule"))));
            case "delivered" -> new State("delivered", Optional.empty());
            case "refused" -> new State("refused", Optional.empty());
            default -> new State("sent", Optional.empty());
        };
    }
}
