package org.seamless.adapters.spi;

import java.util.List;
import java.util.Set;
import org.seamless.mappings.canonical.AgencyKind;

/**
 * The typed contract of an adapter template: its name, what it does (source and/or sink),
 * which agency kinds may use it, and its parameters. Each agency in the registry is an instance.
 */
public interface AdapterType {

    /** What an adapter does relative to the hub. */
    enum Direction {
        /** Agency system to hub (publishes to the agency's inbound address). */
        SOURCE,
        /** Hub to agency system (consumes the agency's outbound address). */
        SINK
    }

    /** The registry spelling, e.g. {@code la-csv}. */
    String name();

    String description();

    Set<Direction> directions();

    Set<AgencyKind> agencyKinds();

    List<ParameterSpec> parameters();

    /**
     * The delivery to one agency, when this type delivers to it: the runtime runs it in the one sink
     * route every type shares ({@link AgencySinkRoute}). {@code camel} is the context the sink will run
     * in (to resolve placeholders or make endpoints). Empty (the default): the agency gets no sink.
     */
    default java.util.Optional<Sink> sink(org.seamless.adapters.registry.AgencyConfig agency, AdapterContext context,
                                          org.apache.camel.CamelContext camel) {
        return java.util.Optional.empty();
    }

    /**
     * Registers this type's inbound edges, once for all its agencies (they tell agencies apart by
     * authentication): FHIR providers, SOAP services, HTTP servlets. None by default.
     */
    default void edges(EdgeContext context, Edges edges) {
    }

    /**
     * The other Camel routes of one agency's adapter instance (file inboxes, a pull inbox): not the
     * sink, which is {@link #sink}. Edges that are servlets rather than routes return none here.
     */
    default List<org.apache.camel.RoutesBuilder> routes(org.seamless.adapters.registry.AgencyConfig agency,
                                                         AdapterContext context) {
        return List.of();
    }
}
