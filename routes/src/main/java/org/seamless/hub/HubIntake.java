package org.seamless.hub;

import java.time.Clock;
import java.util.List;
import org.apache.camel.Exchange;
import org.hl7.fhir.r4.model.Bundle;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.registry.AgencyRegistry;
import org.seamless.ledger.HubAcknowledgements;
import org.seamless.mappings.canonical.BrokerHeaders;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.privacy.AgencyRef;
import org.seamless.privacy.PrivacyChain;
import org.seamless.privacy.decide.DecisionRequest;
import org.seamless.privacy.identify.Subject;
import org.seamless.replay.InboundMessages;

/**
 * First hub step for a message consumed from an agency's inbound address: parse, identify the
 * subject (chain stage 1), resolve candidate recipients and emit one leg per recipient. The source
 * agency is the owner of the inbound address the message came from: only that agency's broker
 * user can send there, so no header or body field can claim another source.
 */
public class HubIntake {
    private final AgencyRegistry registry;
    private final RecipientResolver recipients;
    private final PrivacyChain chain;
    private final Clock clock;
    private final ConsentUpdates consentUpdates;
    private final HubAcknowledgements acknowledgements;
    private final InboundMessages inboundMessages;
    private final HomeFromHospitalReferrals derived;
    private final org.seamless.answers.HubAnswers answers;
    private static final java.util.Set<SeamlessEvent> ALERTS = java.util.EnumSet.of(SeamlessEvent.ALERT_START,
            SeamlessEvent.ALERT_UPDATE, SeamlessEvent.ALERT_END);
    private org.seamless.alerts.HubAlertStore alertStore;

    private org.seamless.consent.ConsentReceipts consentReceipts;

    /** Records whether each consent-update was applied or refused, for the submitter's receipt (optional). */
    public void setConsentReceipts(org.seamless.consent.ConsentReceipts consentReceipts) {
        this.consentReceipts = consentReceipts;
    }

    /** A stable code for a consent-update the hub could not apply; never the exception's text (it may quote data). */
    private static String refusalCode(RuntimeException e) {
        return e instanceof org.seamless.mappings.canonical.FieldProblemException f && f.code() != null ? f.code()
                : "not-applied";
    }

    /** Keeps the discharge to assess stay records for the delay measure and clocks as events pass (optional). */
    public void setStayClocks(org.seamless.d2aclock.StayClocks stayClocks) {
        this.stayClocks = stayClocks;
    }

    private org.seamless.d2aclock.StayClocks stayClocks;

    private org.seamless.d2a.D2aHub dischargeToAssess;

    /** Handles the discharge to assess family (ADR 0060); without it those events are unroutable. */
    public void setDischargeToAssess(org.seamless.d2a.D2aHub dischargeToAssess) {
        this.dischargeToAssess = dischargeToAssess;
    }

    private HubRecalls recalls;

    /** Recalls what recipients received under a basis a consent update removed (optional; ADR 0069). */
    public void setRecalls(HubRecalls recalls) {
        this.recalls = recalls;
    }

    /** Keeps the current social care flags as alert messages pass (optional). */
    public void setAlertStore(org.seamless.alerts.HubAlertStore alertStore) {
        this.alertStore = alertStore;
    }

    public HubIntake(AgencyRegistry registry, RecipientResolver recipients, PrivacyChain chain, Clock clock,
                     ConsentUpdates consentUpdates, HubAcknowledgements acknowledgements,
                     InboundMessages inboundMessages, org.seamless.answers.HubAnswers answers,
                     HomeFromHospitalReferrals derived) {
        this.derived = derived;
        this.answers = answers;
        this.acknowledgements = acknowledgements;
        this.inboundMessages = inboundMessages;
        this.registry = registry;
        this.recipients = recipients;
        this.chain = chain;
        this.clock = clock;
        this.consentUpdates = consentUpdates;
    }

    /** Returns the legs for the message in the exchange body; the source comes from the route. */
    public List<Leg> legs(Exchange exchange, String sourceAgencyId) {
        AgencyConfig source = registry.get(sourceAgencyId);
        if (acknowledgements.accept(exchange, source.id())) {
            return List.of(); // a delivery acknowledgement: recorded in the ledger, nothing to route
        }
        String body = exchange.getMessage().getBody(String.class);
        if (body == null || body.isBlank()) {
            throw new UnroutableMessageException("empty message body");
        }
        Bundle message = MessageBundles.parse(body);
        String messageId = MessageBundles.messageId(message)
                .orElseThrow(() -> new UnroutableMessageException("message has no MessageHeader.id"));
        SeamlessEvent event = MessageBundles.event(message)
                .orElseThrow(() -> new UnroutableMessageException("message event is not a Seamless event code"));
        if (event == SeamlessEvent.NOTICE_RESPONSE) {
            return answerLegs(exchange, source, message, messageId, body);
        }
        Subject subject = chain.identify(message);
        if (event == SeamlessEvent.CONSENT_UPDATE) {
            List<org.seamless.privacy.consent.ConsentRecord> applied;
            try {
                applied = consentUpdates.applyAll(message, source.id());
            } catch (RuntimeException e) {
                if (consentReceipts != null) {
                    consentReceipts.refused(messageId, source.id(), refusalCode(e),
                            "the consent could not be applied to the consent registry");
                }
                throw e;
            }
            if (consentReceipts != null) {
                consentReceipts.applied(messageId, source.id());
            }
            // why: a withdrawal or objection recalls what recipients received under the basis it removed (ADR 0069)
            return recalls == null ? List.of() : recalls.legs(subject, applied, source, messageId);
        }
        if (event == SeamlessEvent.RECALL) {
            throw new UnroutableMessageException("recall messages are made by the hub only");
        }
        int generation = exchange.getMessage().getHeader(BrokerHeaders.REPLAY_GENERATION, 0, Integer.class);
        inboundMessages.keep(source.id(), messageId, event.code(), body); // why: an operator may replay it
        if (alertStore != null && ALERTS.contains(event)) {
            try {
                alertStore.apply(message, source.id()); // why: the hub answers pulls from its current flags
            } catch (IllegalArgumentException e) {
                throw new UnroutableMessageException("alert message: " + e.getMessage());
            }
        }
        if (org.seamless.d2a.D2aHub.handles(event)) {
            if (dischargeToAssess == null) {
                throw new UnroutableMessageException("discharge to assess events are not handled by this hub");
            }
            List<Leg> d2aLegs = dischargeToAssess.legs(event, source, message, subject, generation);
            if (stayClocks != null) {
                // why: the delay measure and the clocks are kept from the events as they pass, keyed by council
                stayClocks.observeSafely(event, message, source, d2aLegs.stream().map(Leg::recipient).distinct()
                        .toList());
            }
            return d2aLegs;
        }
        List<Leg> legs = new java.util.ArrayList<>(recipients.recipients(event, source, message, generation).stream()
                .map(r -> new Leg(new PrivacyChain.Leg(new DecisionRequest(messageId, event,
                        new AgencyRef(source.id(), source.kind()), new AgencyRef(r.id(), r.kind()), subject,
                        clock.instant()), message, generation), r))
                .toList());
        legs.addAll(derived.legs(event, message, source, subject, generation));
        return legs;
    }

    /**
     * An LA's answer to a notice: one leg, back to the trust that sent the notice, carrying the
     * response completed with the notice's subject (ADR 0012). Not an acknowledgement: those carry
     * {@code SeamlessDeliveryAck} and were taken above.
     */
    private List<Leg> answerLegs(Exchange exchange, AgencyConfig source, Bundle response, String messageId, String body) {
        org.seamless.answers.HubAnswers.Completed done = answers.complete(response, source, messageId);
        Subject subject = chain.identify(done.message());
        int generation = exchange.getMessage().getHeader(BrokerHeaders.REPLAY_GENERATION, 0, Integer.class);
        inboundMessages.keep(source.id(), messageId, SeamlessEvent.NOTICE_RESPONSE.code(), body);
        AgencyConfig trust = done.trust();
        return List.of(new Leg(new PrivacyChain.Leg(new DecisionRequest(messageId, SeamlessEvent.NOTICE_RESPONSE,
                new AgencyRef(source.id(), source.kind()), new AgencyRef(trust.id(), trust.kind()), subject,
                clock.instant()), done.message(), generation), trust));
    }
}
