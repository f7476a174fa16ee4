package org.seamless.hub.intake;

import java.util.List;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.hub.answers.HubAnswers;
import org.seamless.hub.Leg;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.privacy.AgencyRef;
import org.seamless.privacy.PrivacyChain;
import org.seamless.privacy.decide.DecisionRequest;
import org.seamless.privacy.identify.Subject;

/**
 * An LA's answer to a notice: one leg, back to the trust that sent the notice, carrying the response
 * completed with the notice's subject (ADR 0012). Not an acknowledgement: those carry
 * {@code SeamlessDeliveryAck} and are taken before parsing.
 */
public final class AnswerIntake implements FamilyIntake {
    private final RecipientLegs legs;
    private final HubAnswers answers;

    public AnswerIntake(RecipientLegs legs, HubAnswers answers) {
        this.legs = legs;
        this.answers = answers;
    }

    @Override
    public boolean handles(SeamlessEvent event) {
        return event == SeamlessEvent.NOTICE_RESPONSE;
    }

    @Override
    public List<Leg> legs(IntakeMessage in) {
        AgencyConfig source = in.source();
        HubAnswers.Completed done = answers.complete(in.message(), source, in.messageId());
        Subject subject = legs.chain().identify(done.message());
        int generation = in.generation();
        legs.keep(in);
        AgencyConfig trust = done.trust();
        return List.of(new Leg(new PrivacyChain.Leg(new DecisionRequest(in.messageId(), SeamlessEvent.NOTICE_RESPONSE,
                new AgencyRef(source.id(), source.kind()), new AgencyRef(trust.id(), trust.kind()), subject,
                legs.clock().instant()), done.message(), generation), trust));
    }
}
