package org.seamless.hub.d2a;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.registry.AgencyRegistry;
import org.seamless.adapters.registry.D2aOutput;
import org.seamless.hub.Leg;
import org.seamless.hub.RecipientResolver;
import org.seamless.hub.UnroutableMessageException;
import org.seamless.mappings.canonical.AgencyKind;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.d2a.D2aAnswer;
import org.seamless.mappings.d2a.D2aCodes;
import org.seamless.mappings.d2a.D2aFields;
import org.seamless.mappings.d2a.D2aStay;
import org.seamless.mappings.d2a.LegacyNotices;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.mappings.message.NoticeDetails;
import org.seamless.mappings.message.NoticeMessages;
import org.seamless.privacy.AgencyRef;
import org.seamless.privacy.PrivacyChain;
import org.seamless.privacy.decide.DecisionRequest;
import org.seamless.privacy.identify.Subject;
import org.seamless.ops.replay.InboundMessages;

/**
 * The hub's handling of the discharge to assess family (ADR 0060, 0061), so that {@code HubIntake}
 * only hands the family over. A trust event goes to the council of residence (the residence rules
 * of the notices) as the event itself, as the Care Act notice generated from it, or both, as the
 * council's {@code d2a-output} says; every leg is decided by the chain under its own sharing rule.
 * A council event goes back only to the trust whose event it answers, and only when that event was
 * released to this council.
 */
public class D2aHub {
    private final AgencyRegistry registry;
    private final RecipientResolver recipients;
    private final InboundMessages inbound;
    private final D2aLegs ledger;
    private final Clock clock;
    private HomeCareSuspensions homeCare;

    /** Home care suspend and resume (ADR 0063); without it no provider is told of admissions. */
    public void setHomeCare(HomeCareSuspensions homeCare) {
        this.homeCare = homeCare;
    }

    public D2aHub(AgencyRegistry registry, RecipientResolver recipients, InboundMessages inbound, D2aLegs ledger,
                  Clock clock) {
        this.registry = registry;
        this.recipients = recipients;
        this.inbound = inbound;
        this.ledger = ledger;
        this.clock = clock;
    }

    public static boolean handles(SeamlessEvent event) {
        return D2aCodes.isD2a(event);
    }

    /** The legs for a discharge to assess message already kept by the intake. */
    public List<Leg> legs(SeamlessEvent event, AgencyConfig source, Bundle message, Subject subject, int generation) {
        String messageId = MessageBundles.messageId(message).orElseThrow();
        if (D2aCodes.FROM_COUNCIL.contains(event)) {
            return answerLegs(event, source, message, messageId, subject, generation);
        }
        D2aStay stay;
        try {
            stay = D2aFields.stay(message);
        } catch (IllegalArgumentException e) {
            throw new UnroutableMessageException(e.getMessage());
        }
        List<Leg> legs = new ArrayList<>();
        List<AgencyConfig> to = recipients.recipients(event, source, message, generation);
        for (AgencyConfig recipient : to) {
            D2aOutput output = recipient.kind() == AgencyKind.LOCAL_AUTHORITY ? D2aOutput.of(recipient)
                    : D2aOutput.EVENTS;
            if (output.events()) {
                legs.add(leg(messageId, event, source, recipient, subject, message, generation));
            }
            if (output.notices()) {
                legacyNotice(stay, source).ifPresent(notice -> legs.add(leg(
                        MessageBundles.messageId(notice).orElseThrow(), MessageBundles.event(notice).orElseThrow(),
                        source, recipient, subject, notice, generation)));
            }
        }
        if (homeCare != null && source.kind() == AgencyKind.NHS_TRUST) {
            // why: the provider of a package the council of residence recorded hears of admission and discharge
            legs.addAll(homeCare.legs(stay, source, to, subject, generation));
        }
        return legs;
    }

    /** The notice generated from a trust event, kept like an inbound message so the council's answer finds it. */
    private Optional<Bundle> legacyNotice(D2aStay stay, AgencyConfig source) {
        Optional<NoticeDetails> details = LegacyNotices.of(stay);
        if (details.isEmpty()) {
            return Optional.empty();
        }
        String json = NoticeMessages.buildJson(details.get());
        Bundle notice = MessageBundles.parse(json);
        inbound.keep(source.id(), details.get().messageId(), details.get().event().code(), json);
        return Optional.of(notice);
    }

    private List<Leg> answerLegs(SeamlessEvent event, AgencyConfig source, Bundle message, String messageId,
                                 Subject subject, int generation) {
        if (source.kind() != AgencyKind.LOCAL_AUTHORITY) {
            throw new UnroutableMessageException("a " + event.code() + " comes from a local authority only");
        }
        D2aAnswer answer;
        try {
            answer = D2aFields.answer(message);
        } catch (IllegalArgumentException e) {
            throw new UnroutableMessageException(e.getMessage());
        }
        List<String> trusts = ledger.sourcesReleasedTo(answer.inReplyTo(), source.id());
        if (trusts.size() != 1) {
            // why: the same refusal for an unknown id and another council's event (ADR 0038)
            throw new UnroutableMessageException("the " + event.code()
                    + " answers no discharge to assess event released to this council (unknown-message)");
        }
        AgencyConfig trust = registry.get(trusts.get(0));
        List<Leg> legs = new ArrayList<>(List.of(leg(messageId, event, source, trust, subject, message, generation)));
        if (homeCare != null) {
            homeCare.answer(answer, message, source); // why: the package an admission will suspend (ADR 0063)
            // why: a package recorded while the person is in hospital suspends that stay now (ADR 0064)
            legs.addAll(homeCare.duringStay(answer, source, trust, subject, generation));
        }
        return legs;
    }

    private Leg leg(String messageId, SeamlessEvent event, AgencyConfig source, AgencyConfig to, Subject subject,
                    Bundle message, int generation) {
        return new Leg(new PrivacyChain.Leg(new DecisionRequest(messageId, event,
                new AgencyRef(source.id(), source.kind()), new AgencyRef(to.id(), to.kind()), subject,
                clock.instant()), message, generation), to);
    }
}
