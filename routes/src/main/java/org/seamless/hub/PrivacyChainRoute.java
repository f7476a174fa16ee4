package org.seamless.hub;

import org.apache.camel.builder.RouteBuilder;
import org.seamless.app.broker.BrokerConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The privacy chain as a route, and the only route that may publish to an outbound address:
 * chain step (decide, minimise, pseudonymise, record) first, then release of what it allowed.
 */
@Component
@ConditionalOnProperty(name = "seamless.run-hub", havingValue = "true", matchIfMissing = true)
public class PrivacyChainRoute extends RouteBuilder {
    public static final String ENTRY = "direct:privacy-chain";
    public static final String ROUTE_ID = "privacy-chain";

    private final ChainStep chainStep;

    public PrivacyChainRoute(ChainStep chainStep) {
        this.chainStep = chainStep;
    }

    @Override
    public void configure() {
        from(ENTRY)
                .routeId(ROUTE_ID)
                .process(chainStep::process).id("privacy-chain-step")
                .filter(exchangeProperty(ChainStep.RELEASED))
                    .toD(BrokerConfiguration.HUB_COMPONENT + ":queue:${exchangeProperty." + ChainStep.OUTBOUND_ADDRESS + "}")
                    .id("privacy-chain-release")
                    // why: recorded only once the broker has the release, inside the same transaction
                    .process(chainStep::recordRelease).id("privacy-chain-record-release")
                .end();
    }
}
