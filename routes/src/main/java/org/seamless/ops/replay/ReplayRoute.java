package org.seamless.ops.replay;

import org.apache.camel.builder.RouteBuilder;
import org.seamless.hub.HubIntake;
import org.seamless.hub.PrivacyChainRoute;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Operator replay: a kept canonical message goes through the hub's intake again, under the replay
 * generation the service chose, and every leg through the privacy chain with today's consent.
 * Reachable only in-process (a direct endpoint), from {@link ReplayService}.
 */
@Component
@ConditionalOnProperty(name = "seamless.run-hub", havingValue = "true", matchIfMissing = true)
public class ReplayRoute extends RouteBuilder {
    public static final String ENTRY = "direct:hub-replay";
    /** Exchange header naming the kept message's source agency; set only by the replay service. */
    static final String SOURCE = "SeamlessReplaySource";

    private final HubIntake intake;

    public ReplayRoute(HubIntake intake) {
        this.intake = intake;
    }

    @Override
    public void configure() {
        from(ENTRY)
                .routeId("hub-replay")
                .process(e -> e.getMessage().setBody(intake.legs(e, e.getMessage().getHeader(SOURCE, String.class))))
                .split(body()).stopOnException()
                    .to(PrivacyChainRoute.ENTRY)
                .end();
    }
}
