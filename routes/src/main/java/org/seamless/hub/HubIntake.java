package org.seamless.hub;

import java.util.List;
import org.apache.camel.Exchange;
import org.hl7.fhir.r4.model.Bundle;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.registry.AgencyRegistry;
import org.seamless.hub.intake.FamilyIntake;
import org.seamless.hub.intake.IntakeMessage;
import org.seamless.ledger.HubAcknowledgements;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.message.MessageBundles;

/**
 * First hub step for a message consumed from an agency's inbound address: takes a delivery
 * acknowledgement (the acknowledgement family, recorded in the ledger), else parses the message and
 * hands it to the handler of its event family ({@link FamilyIntake}: notice, answer, consent, alert,
 * referral, discharge to assess), which identifies the subject (chain stage 1) and returns one leg per
 * recipient. The source agency is the owner of the inbound address the message came from: only that
 * agency's broker user can send there, so no header or body field can claim another source.
 */
public class HubIntake {
    private final AgencyRegistry registry;
    private final HubAcknowledgements acknowledgements;
    private final List<FamilyIntake> families;
    private final FamilyIntake unclaimed;

    /**
     * @param families  the event families' handlers; the first that handles an event takes it
     * @param unclaimed the handler of an event no family claims (routed by the rules, as a notice)
     */
    public HubIntake(AgencyRegistry registry, HubAcknowledgements acknowledgements, List<FamilyIntake> families,
                     FamilyIntake unclaimed) {
        this.registry = registry;
        this.acknowledgements = acknowledgements;
        this.families = List.copyOf(families);
        this.unclaimed = unclaimed;
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
        if (event == SeamlessEvent.RECALL) {
            throw new UnroutableMessageException("recall messages are made by the hub only"); // ADR 0069
        }
        IntakeMessage in = new IntakeMessage(exchange, source, message, messageId, event, body);
        return families.stream().filter(f -> f.handles(event)).findFirst().orElse(unclaimed).legs(in);
    }
}
