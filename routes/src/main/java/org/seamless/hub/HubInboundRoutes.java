package org.seamless.hub;

import org.apache.camel.builder.RouteBuilder;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.registry.AgencyRegistry;
import org.seamless.app.broker.BrokerConfiguration;
import org.seamless.ops.tracking.Quarantine;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * One route per agency: consume its inbound address in a broker transaction, identify the
 * subject, split into recipient legs and hand every leg to the privacy chain.
 */
@Component
@ConditionalOnProperty(name = "seamless.run-hub", havingValue = "true", matchIfMissing = true)
public class HubInboundRoutes extends RouteBuilder {
    private final AgencyRegistry registry;
    private final HubIntake intake;
    private final Quarantine quarantine;
    private final HubLedgerBatch ledgerBatch;

    public HubInboundRoutes(AgencyRegistry registry, HubIntake intake, Quarantine quarantine,
                            HubLedgerBatch ledgerBatch) {
        this.registry = registry;
        this.intake = intake;
        this.quarantine = quarantine;
        this.ledgerBatch = ledgerBatch;
    }

    @Override
    public void configure() {
        // why: an unroutable message never succeeds on retry; keep it and take it off the queue
        onException(UnroutableMessageException.class, org.seamless.privacy.identify.IdentificationException.class,
                ca.uhn.fhir.parser.DataFormatException.class, org.seamless.privacy.consent.ConsentMappingException.class,
                org.seamless.hub.answers.AnswerProblem.class)
                .handled(true)
                // why: the broker commits a quarantined message, with whatever legs it released before the problem
                .process(ledgerBatch::flush)
                .process(e -> quarantine.keepHubRejection(e));

        for (AgencyConfig agency : registry.all()) {
            from(BrokerConfiguration.HUB_COMPONENT + ":queue:" + agency.addresses().inbound())
                    .routeId("hub-inbound-" + agency.id())
                    .process(ledgerBatch::open)
                    .process(e -> e.getMessage().setBody(intake.legs(e, agency.id())))
                    .split(body())
                        .to(PrivacyChainRoute.ENTRY)
                    .end()
                    // why: the step's ledger entries in one transaction, committed before the broker's (ADR 0093)
                    .process(ledgerBatch::flush);
        }
    }
}
