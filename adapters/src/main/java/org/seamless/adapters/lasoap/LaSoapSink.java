package org.seamless.adapters.lasoap;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.seamless.adapters.failure.TransientDeliveryException;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.spi.AdapterContext;
import org.seamless.adapters.spi.Sink;

/**
 * Sends each notice released to an ITK SOAP local authority to its case system: consumed from
 * the agency's outbound address in a broker transaction (the shared sink route,
 * {@link org.seamless.adapters.spi.AgencySinkRoute}) and passed to {@link ItkDelivery}, which
 * records a delivery or a business refusal, or throws: a transient failure (no answer, HTTP 5xx, a
 * SOAP Server fault) is handled by the shared outage policy (the message waits, the circuit opens;
 * {@link AdapterContext#SINK_ROUTE_CONFIGURATION}), any other rolls the transaction back. The ITK
 * tracking id is stable across redeliveries, so the LA acts on a message once.
 */
public class LaSoapSink implements Sink {
    private final ItkDelivery delivery;

    public LaSoapSink(AgencyConfig agency, AdapterContext context, CamelContext camel) {
        // why: the endpoint may name a port known only once the server is up ({{local.server.port}})
        ItkPort port = new ItkPort(ItkClientSettings.of(agency), camel::resolvePropertyPlaceholders);
        delivery = new ItkDelivery(agency, port, context.deliveries());
    }

    @Override
    public String name() {
        return "soap";
    }

    @Override
    public String step() {
        return "itk-send";
    }

    @Override
    public void deliver(Exchange exchange) throws Exception {
        delivery.deliver(exchange);
    }

    @Override
    public Class<? extends TransientDeliveryException> retryLater() {
        return ItkTransportException.class;
    }
}
