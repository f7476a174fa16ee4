package org.seamless.hub.intake;

import java.time.Clock;
import java.util.List;
import org.seamless.hub.Leg;
import org.seamless.hub.RecipientResolver;
import org.seamless.privacy.AgencyRef;
import org.seamless.privacy.PrivacyChain;
import org.seamless.privacy.decide.DecisionRequest;
import org.seamless.privacy.identify.Subject;
import org.seamless.ops.replay.InboundMessages;

/**
 * The steps the routed families share: identify the subject (chain stage 1), keep the message for
 * replay, and make one leg per recipient the routing rules give.
 */
public final class RecipientLegs {
    private final RecipientResolver recipients;
    private final PrivacyChain chain;
    private final InboundMessages inboundMessages;
    private final Clock clock;

    public RecipientLegs(RecipientResolver recipients, PrivacyChain chain, InboundMessages inboundMessages, Clock clock) {
        this.recipients = recipients;
        this.chain = chain;
        this.inboundMessages = inboundMessages;
        this.clock = clock;
    }

    /** Chain stage 1: who the message is about. */
    public Subject identify(IntakeMessage in) {
        return chain.identify(in.message());
    }

    /** Keeps the message as received, so an operator may replay it. */
    public void keep(IntakeMessage in) {
        inboundMessages.keep(in.source().id(), in.messageId(), in.event().code(), in.body());
    }

    /** One leg per recipient of the routing rules. */
    public List<Leg> toRecipients(IntakeMessage in, Subject subject) {
        return recipients.recipients(in.event(), in.source(), in.message(), in.generation()).stream()
                .map(r -> new Leg(new PrivacyChain.Leg(new DecisionRequest(in.messageId(), in.event(),
                        new AgencyRef(in.source().id(), in.source().kind()), new AgencyRef(r.id(), r.kind()), subject,
                        clock.instant()), in.message(), in.generation()), r))
                .toList();
    }

    public Clock clock() {
        return clock;
    }

    public PrivacyChain chain() {
        return chain;
    }

    public InboundMessages inboundMessages() {
        return inboundMessages;
    }
}
