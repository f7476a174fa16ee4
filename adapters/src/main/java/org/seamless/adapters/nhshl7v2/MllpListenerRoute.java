package org.seamless.adapters.nhshl7v2;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mllp.MllpEndpoint;
import org.apache.camel.support.jsse.SSLContextParameters;

/**
 * One MLLP listener (a port, plain TCP or TLS) and the trusts that send on it: each message is answered by
 * {@link AdtReceiver} with the acknowledgement it chose (automatic acknowledgement is off: the component
 * must not answer {@code AA} before the notice is durable).
 */
final class MllpListenerRoute extends RouteBuilder {
    /** Header the MLLP consumer sets from the TLS session: the client certificate's subject. */
    static final String CLIENT_SUBJECT = "CamelMllpSslClientCertSubjectName";
    /** Exchange property the MLLP consumer sends back as the acknowledgement. */
    static final String ACKNOWLEDGEMENT = "CamelMllpAcknowledgement";

    private final String host;
    private final int port;
    private final SSLContextParameters tls;
    private final int maxConnections;
    private final AdtReceiver receiver;

    MllpListenerRoute(String host, int port, SSLContextParameters tls, int maxConnections, AdtReceiver receiver) {
        this.host = host;
        this.port = port;
        this.tls = tls;
        this.maxConnections = maxConnections;
        this.receiver = receiver;
    }

    static String routeId(int port) {
        return "adapter-hl7v2-mllp-" + port;
    }

    @Override
    public void configure() {
        // why: reuseAddress, so a hub restarted after a crash binds its port at once instead of failing while the
        // killed process's connections wait out TIME_WAIT (SO_REUSEADDR never lets two listeners share the port)
        MllpEndpoint endpoint = getContext().getEndpoint("mllp://" + host + ":" + port + "?autoAck=false&reuseAddress=true"
                + "&hl7Headers=false&stringPayload=false&validatePayload=false&requireEndOfData=false"
                + "&maxConcurrentConsumers=" + maxConnections, MllpEndpoint.class);
        if (tls != null) {
            endpoint.getConfiguration().setSslContextParameters(tls);
        }
        from(endpoint)
                .routeId(routeId(port))
                // why: the acknowledgement is chosen here, after the gate, never by the component
                .process(this::answer);
    }

    private void answer(Exchange exchange) {
        byte[] raw = exchange.getMessage().getBody(byte[].class);
        String subject = exchange.getMessage().getHeader(CLIENT_SUBJECT, String.class);
        AdtReceiver.Answer answer = receiver.receive(raw == null ? new byte[0] : raw, subject);
        exchange.setProperty(ACKNOWLEDGEMENT, answer.ack());
        exchange.getMessage().setBody(answer.ack());
    }
}
