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
     * The Camel routes of one agency's adapter instance (typically the sink that consumes the
     * agency's outbound address). Edges that are servlets rather than routes return none here.
     */
    default List<org.apache.camel.RoutesBuilder> routes(org.seamless.adapters.registry.AgencyConfig agency,
                                                         AdapterContext context) {
        return List.of();
    }
}
