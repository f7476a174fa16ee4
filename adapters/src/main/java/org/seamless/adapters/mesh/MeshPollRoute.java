package org.seamless.adapters.mesh;

import org.apache.camel.builder.RouteBuilder;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.spi.AdapterContext;

/**
 * One agency's MESH poll (ADR 0077): every {@code poll-interval-ms}, collect the agency's messages and
 * MESH's reports from Seamless's inbox and check the tracking of what was sent to it ({@link MeshPoll}).
 */
public class MeshPollRoute extends RouteBuilder {
    private final AgencyConfig agency;
    private final MeshSettings settings;
    private final AdapterContext context;

    public MeshPollRoute(AgencyConfig agency, MeshSettings settings, AdapterContext context) {
        this.agency = agency;
        this.settings = settings;
        this.context = context;
    }

    @Override
    public void configure() {
        MeshPoll poll = new MeshPoll(agency, settings, context);
        long period = settings.pollInterval().toMillis();
        // why: one poll at a time per agency (the timer does not overlap runs); the first soon after start
        from("timer:mesh-" + agency.id() + "?period=" + period + "&delay=" + Math.min(period, 5000))
                .routeId("adapter-" + agency.id() + "-mesh-poll")
                .process(e -> poll.run(e.getContext())).id("adapter-" + agency.id() + "-mesh-collect");
    }
}
