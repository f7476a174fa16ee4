package org.seamless.adapters.lasoap;

import org.apache.camel.builder.RouteBuilder;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.spi.AdapterContext;

/**
 * Sends each notice released to an ITK SOAP local authority to its case system: consumed from
 * the agency's outbound address in a broker transaction and passed to {@link ItkDelivery}, which
 * records a delivery or a business refusal, or throws: a transient failure (no answer, HTTP 5xx, a
 * SOAP Server fault) is handled by the shared outage policy (the message waits, the circuit opens;
 * {@link AdapterContext#SINK_ROUTE_CONFIGURATION}), any other rolls the transaction back. The ITK
 * tracking id is stable across redeliveries, so the LA acts on a message once.
 */
public class LaSoapSinkRoute extends RouteBuilder {
    private final AgencyConfig agency;
    private final AdapterContext context;

    public LaSoapSinkRoute(AgencyConfig agency, AdapterContext context) {
        this.agency = agency;
        this.context = context;
    }

    @Override
    public void configure() {
        // why: the endpoint may name a port known only once the server is up ({{local.server.port}})
        ItkPort port = new ItkPort(ItkClientSettings.of(agency), getContext()::resolvePropertyPlaceholders);
        ItkDelivery delivery = new ItkDelivery(agency, port, context.deliveries());

        from(context.jmsComponent() + ":queue:" + agency.addresses().outbound() + "?errorHandlerLogStackTrace=false")
                .routeId("adapter-" + agency.id() + "-soap-sink")
                .routeConfigurationId(AdapterContext.SINK_ROUTE_CONFIGURATION) // why: transient failures wait, see AdapterContext
                .process(delivery::deliver).id("adapter-" + agency.id() + "-itk-send");
    }
}
