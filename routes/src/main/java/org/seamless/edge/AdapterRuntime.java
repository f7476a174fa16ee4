package org.seamless.edge;

import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.registry.AgencyRegistry;
import java.util.Optional;
import org.seamless.adapters.spi.AdapterContext;
import org.seamless.adapters.spi.AdapterType;
import org.seamless.adapters.spi.AgencySinkRoute;
import org.seamless.adapters.spi.Sink;
import org.seamless.adapters.spi.AgencyMailbox;
import org.seamless.adapters.spi.AdapterTypes;
import org.seamless.adapters.spi.DeliveryJournal;
import org.seamless.adapters.spi.InboundGate;
import org.seamless.adapters.spi.RejectedInputStore;
import org.seamless.app.broker.BrokerConnections;
import org.seamless.app.config.SeamlessProperties;
import org.seamless.ledger.AcknowledgingDeliveryJournal;
import org.seamless.ops.reliability.SinkOutagePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Starts the adapters of the agencies this process runs ({@code seamless.run-adapters}): each gets
 * a transacted JMS component connected as the agency's own broker user, named
 * {@code agency-<id>}, its adapter type's {@link Sink} in the one sink route ({@link AgencySinkRoute})
 * and the other routes its adapter type declares.
 */
@Component
public class AdapterRuntime implements CamelContextConfiguration {
    private static final Logger log = LoggerFactory.getLogger(AdapterRuntime.class);

    private final AgencyRegistry registry;
    private final AdapterTypes types;
    private final BrokerConnections connections;
    private final RejectedInputStore rejected;
    private final SeamlessProperties props;
    private final DeliveryJournal deliveries;
    private final InboundGate gate;
    private final AgencyMailbox mailbox;
    private final SinkOutagePolicy outagePolicy;

    public AdapterRuntime(AgencyRegistry registry, AdapterTypes types, BrokerConnections connections,
                          RejectedInputStore rejected, SeamlessProperties props, DeliveryJournal deliveries,
                          InboundGate gate, AgencyMailbox mailbox, SinkOutagePolicy outagePolicy) {
        this.mailbox = mailbox;
        this.outagePolicy = outagePolicy;
        this.deliveries = deliveries;
        this.gate = gate;
        this.registry = registry;
        this.types = types;
        this.connections = connections;
        this.rejected = rejected;
        this.props = props;
    }

    @org.springframework.beans.factory.annotation.Autowired(required = false)
    private org.seamless.adapters.spi.AlertExtractState alertState;

    @org.springframework.beans.factory.annotation.Autowired(required = false)
    private org.seamless.adapters.spi.SinkKeyStores sinkKeys;

    @org.springframework.beans.factory.annotation.Autowired(required = false)
    private org.seamless.adapters.spi.PendingTransfers transfers;
    // why: present only when seamless.pds.base-url is set (ADR 0079)
    @org.springframework.beans.factory.annotation.Autowired(required = false)
    private org.seamless.adapters.pds.PdsTracing pdsTracing;

    @Value("${seamless.ledger.enabled:true}")
    private boolean acknowledgeToLedger;

    /** Acknowledgements reach the hub's ledger over the broker, as they would from a remote adapter (ADR 0009). */
    public static DeliveryJournal journalFor(CamelContext camel, AgencyConfig agency, DeliveryJournal deliveries,
                                             boolean acknowledgeToLedger) {
        return acknowledgeToLedger ? new AcknowledgingDeliveryJournal(deliveries, camel,
                componentFor(agency) + ":queue:" + agency.addresses().inbound()) : deliveries;
    }

    /** The Camel component name for an agency's adapter connection. */
    public static String componentFor(AgencyConfig agency) {
        return "agency-" + agency.id();
    }

    @Override
    public void beforeApplicationStart(CamelContext camel) {
        try {
            camel.addRoutes(outagePolicy.routeConfiguration()); // why: before the sink routes that use it
        } catch (Exception e) {
            throw new IllegalStateException("could not add the sinks' outage policy", e);
        }
        for (AgencyConfig agency : registry.all()) {
            if (!props.runsAdapterOf(agency.id())) {
                continue;
            }
            camel.addComponent(componentFor(agency), connections.transactedComponent(agency.brokerUser(), 1));
            AdapterContext ctx = new AdapterContext(componentFor(agency), rejected, journalFor(camel, agency, deliveries, acknowledgeToLedger), gate,
                    mailbox, alertState, sinkKeys, transfers, pdsTracing);
            AdapterType type = types.find(agency.adapter().type()).orElseThrow();
            try {
                // why: every sink runs in the one template (consumer, transaction, keys, outage policy, circuit)
                Optional<Sink> sink = type.sink(agency, ctx, camel);
                if (sink.isPresent()) {
                    camel.addRoutes(new AgencySinkRoute(agency, ctx, sink.get()));
                }
                for (RoutesBuilder routes : type.routes(agency, ctx)) {
                    camel.addRoutes(routes);
                }
            } catch (Exception e) {
                throw new IllegalStateException("could not start the adapter of agency " + agency.id(), e);
            }
            log.info("adapter {} started for agency {}", agency.adapter().type(), agency.id());
        }
    }

    @Override
    public void afterApplicationStart(CamelContext camel) {
    }
}
