package org.seamless.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.seamless.testsupport.SeamlessTestBase;
import org.springframework.beans.factory.annotation.Autowired;
import org.seamless.testsupport.SharedContext;

/**
 * Proves that no route of the running application can reach an outbound address without the
 * privacy chain, and that the walk really detects bypasses of each kind.
 */
@SharedContext
class ChainGuardIT extends SeamlessTestBase {
    @Autowired
    CamelContext camel;
    @Autowired
    ChainGuard guard;

    @AfterEach
    void removeTestRoutes() throws Exception {
        for (String id : List.of("bypass-static", "bypass-dynamic", "bypass-recipient-list", "bypass-adapter")) {
            if (camel.getRoute(id) != null) {
                camel.getRouteController().stopRoute(id);
                camel.removeRoute(id);
            }
        }
    }

    @Test
    void everyShippedRouteGoesThroughTheChain() {
        assertThat(camel.getRoutes()).extracting(r -> r.getRouteId())
                .contains(PrivacyChainRoute.ROUTE_ID, "hub-inbound-demo-trust", "adapter-demo-la-csv-csv-sink");
        assertThat(guard.violations(camel)).isEmpty();
    }

    @Test
    void staticSendToAnOutboundAddressIsDetected() throws Exception {
        add(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:bypass-static").routeId("bypass-static").to("hub:queue:agency.demo-la-csv.outbound");
            }
        });
        assertThat(guard.violations(camel)).containsExactly(
                "route 'bypass-static' sends to hub:queue:agency.demo-la-csv.outbound");
    }

    @Test
    void dynamicSendThroughTheChainConnectionIsDetected() throws Exception {
        add(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:bypass-dynamic").routeId("bypass-dynamic").toD("hub:queue:${header.target}");
            }
        });
        assertThat(guard.violations(camel)).singleElement().asString().startsWith("route 'bypass-dynamic'");
    }

    @Test
    void recipientListWithoutFixedComponentIsDetected() throws Exception {
        add(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:bypass-recipient-list").routeId("bypass-recipient-list").recipientList(header("to"));
            }
        });
        assertThat(guard.violations(camel)).singleElement().asString().startsWith("route 'bypass-recipient-list'");
    }

    @Test
    void adapterConnectionSendingToAnOutboundAddressIsDetected() throws Exception {
        add(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:bypass-adapter").routeId("bypass-adapter")
                        .to("agency-demo-la-csv:queue:agency.demo-la-soap.outbound");
            }
        });
        assertThat(guard.violations(camel)).singleElement().asString().startsWith("route 'bypass-adapter'");
    }

    @Test
    void theApplicationRefusesToRunWithABypassingRoute() throws Exception {
        add(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:bypass-static").routeId("bypass-static").to("hub:queue:agency.demo-la-csv.outbound");
            }
        });
        var started = new org.springframework.boot.context.event.ApplicationStartedEvent(
                new org.springframework.boot.SpringApplication(), new String[0], context, java.time.Duration.ZERO);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> guard.refuseToRunWithBypasses(started))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("routes bypass the privacy chain: route 'bypass-static' sends to "
                        + "hub:queue:agency.demo-la-csv.outbound");
    }

    @Autowired
    org.springframework.context.ConfigurableApplicationContext context;

    private void add(RouteBuilder routes) throws Exception {
        camel.addRoutes(routes);
    }
}
