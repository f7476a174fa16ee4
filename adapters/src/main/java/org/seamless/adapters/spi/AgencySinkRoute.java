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
    public void configure() throws Exception {
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
        getContext().addService(delivered, true, true); // why: a file store loads its keys when started
        // why: without the runtime's store (keys in the adapter's own files) there is no database transaction
        SinkKeyStores transactions = context.sinkKeys() == null ? name -> delivered : context.sinkKeys();
        route
                // why: keyed by the source-scoped id (ADR 0036): two senders may use one message id
                .process(e -> e.getMessage().setHeader(DELIVERY_KEY, ReleaseKeys.scopedId(e.getMessage())))
                .process(e -> transactions.inOneTransaction(() -> deliverOnce(e, delivered)))
                .id("adapter-" + agency.id() + "-" + sink.step());
    }

    /**
     * Delivers the message unless its key is in the store, then adds the key; in one database transaction
     * with the journal's row (ADR 0099), before the broker transaction commits. A crash before the database
     * commit leaves neither, and the redelivered message is delivered again (the partner's file is rewritten
     * whole); a crash after it, before the broker commit, finds the key: the delivery happened, but the
     * acknowledgement sent with it was rolled back, so it is sent again.
     */
    private Void deliverOnce(Exchange e, IdempotentRepository delivered) throws Exception {
        String key = e.getMessage().getHeader(DELIVERY_KEY, String.class) + ":"
                + e.getMessage().getHeader(BrokerHeaders.REPLAY_GENERATION, String.class);
        if (delivered.contains(key)) {
            e.setProperty(Exchange.DUPLICATE_MESSAGE, true);
            acknowledge(e, sink.repeatDetail());
            return null;
        }
        sink.deliver(e);
        Exception failure = e.getException();
        if (failure != null) {
            e.setException(null); // why: thrown, so the transaction rolls back and the route's error handling sees it
            throw failure;
        }
        if (!delivered.add(key)) {
            // why: another consumer delivered the same message meanwhile; this transaction rolls back and the
            // redelivery takes the repeat path above
            throw new IllegalStateException("delivery key of message " + e.getMessage().getHeader(BrokerHeaders.MESSAGE_ID)
                    + " was added by another delivery meanwhile");
        }
        return null;
    }

    private void acknowledge(Exchange e, String detail) {
        context.deliveries().delivered(agency.id(), e.getMessage().getHeader(BrokerHeaders.SOURCE_AGENCY, String.class),
                e.getMessage().getHeader(BrokerHeaders.MESSAGE_ID, String.class),
                e.getMessage().getHeader(BrokerHeaders.REPLAY_GENERATION, 0, Integer.class), detail);
    }
}
