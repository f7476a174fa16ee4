package org.seamless.adapters.spi;

import java.util.Objects;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.PropertyDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.IdempotentRepository;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.mappings.canonical.BrokerHeaders;

/**
 * The one sink route of every adapter type: consumes the agency's outbound address in a broker
 * transaction (the agency's own transacted component), uses the runtime's shared outage policy
 * ({@link AdapterContext#SINK_ROUTE_CONFIGURATION}: transient failures wait quietly, the agency's
 * circuit counts them), marks itself as the agency's sink ({@link #SINK_AGENCY}, which is how the
 * runtime finds sinks to put circuit breakers on), skips a message whose idempotency key the sink
 * already delivered (acknowledging it again in the delivery journal), and runs the adapter type's
 * {@link Sink} as its one delivery step.
 */
public final class AgencySinkRoute extends RouteBuilder {
    /** Route property naming the agency whose sink the route is; set only by this template. */
    public static final String SINK_AGENCY = "seamless.sink.agency";
    /** Exchange header (not sent anywhere) holding the message's source-scoped id. */
    public static final String DELIVERY_KEY = "SeamlessDeliveryKey";

    private final AgencyConfig agency;
    private final AdapterContext context;
    private final Sink sink;

    public AgencySinkRoute(AgencyConfig agency, AdapterContext context, Sink sink) {
        this.agency = Objects.requireNonNull(agency);
        this.context = Objects.requireNonNull(context);
        this.sink = Objects.requireNonNull(sink);
    }

    /** The route id of an agency's sink: {@code adapter-<agency>-<sink name>-sink}. */
    public static String routeId(AgencyConfig agency, Sink sink) {
        return "adapter-" + agency.id() + "-" + sink.name() + "-sink";
    }

    /** The agency whose sink a route definition is, when it was made by this template. */
    public static Optional<String> agencyOf(NamedNode route) {
        if (route instanceof RouteDefinition rd && rd.getRouteProperties() != null) {
            return rd.getRouteProperties().stream().filter(p -> SINK_AGENCY.equals(p.getKey()))
                    .map(PropertyDefinition::getValue).findFirst();
        }
        return Optional.empty();
    }

    public Sink sink() {
        return sink;
    }

    @Override
    public void configure() {
        IdempotentRepository delivered = sink.deliveredKeys();
        // why: a rolled-back delivery is logged without a stack trace (the journal and dead-letter address keep it)
        var route = from(context.jmsComponent() + ":queue:" + agency.addresses().outbound() + "?errorHandlerLogStackTrace=false")
                .routeId(routeId(agency, sink))
                .routeProperty(SINK_AGENCY, agency.id())
                .routeConfigurationId(AdapterContext.SINK_ROUTE_CONFIGURATION); // why: transient failures wait, see AdapterContext
        if (delivered == null) {
            route.process(sink::deliver).id("adapter-" + agency.id() + "-" + sink.step()); // why: node ids are unique per context
            return;
        }
        route
                // why: keyed by the source-scoped id (ADR 0036): two senders may use one message id
                .process(e -> e.getMessage().setHeader(DELIVERY_KEY, ReleaseKeys.scopedId(e.getMessage())))
                // why: added only after the delivery (eager=false), so a crash before then redelivers
                .idempotentConsumer(simple("${header." + DELIVERY_KEY + "}:${header."
                        + BrokerHeaders.REPLAY_GENERATION + "}"), delivered).eager(false).skipDuplicate(false)
                    .choice()
                        // why: a redelivery after a crash between the delivery and the broker commit; the delivery
                        // happened, but the acknowledgement sent with it was rolled back, so it is sent again
                        .when(exchangeProperty(Exchange.DUPLICATE_MESSAGE).isEqualTo(true))
                            .process(e -> acknowledge(e, sink.repeatDetail()))
                        .otherwise()
                            .process(sink::deliver).id("adapter-" + agency.id() + "-" + sink.step())
                    .end()
                .end();
    }

    private void acknowledge(Exchange e, String detail) {
        context.deliveries().delivered(agency.id(), e.getMessage().getHeader(BrokerHeaders.SOURCE_AGENCY, String.class),
                e.getMessage().getHeader(BrokerHeaders.MESSAGE_ID, String.class),
                e.getMessage().getHeader(BrokerHeaders.REPLAY_GENERATION, 0, Integer.class), detail);
    }
}
