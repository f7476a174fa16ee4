package org.seamless.hub.intake;

import org.apache.camel.Exchange;
import org.hl7.fhir.r4.model.Bundle;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.mappings.canonical.BrokerHeaders;
import org.seamless.mappings.canonical.SeamlessEvent;

/**
 * A message the hub intake has parsed, handed to its event family's handler ({@link FamilyIntake}).
 *
 * @param source the agency that owns the inbound address it came from (never a header or body field)
 * @param body   the message as received, kept for replay by the handlers that route it
 */
public record IntakeMessage(Exchange exchange, AgencyConfig source, Bundle message, String messageId,
                            SeamlessEvent event, String body) {

    /** The replay generation (0 for a first delivery). */
    public int generation() {
        return exchange.getMessage().getHeader(BrokerHeaders.REPLAY_GENERATION, 0, Integer.class);
    }
}
