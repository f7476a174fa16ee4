package org.seamless.testsupport;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.mllp.MllpEndpoint;
import org.apache.camel.component.mllp.MllpException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.jsse.KeyManagersParameters;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;

/**
 * A trust's MLLP sender for tests: Camel's MLLP producer in a context of its own, over plain TCP or TLS
 * (a client key store and the CA trust store, PKCS#12 with {@link TestPki#password()}). {@link #send} returns
 * the acknowledgement text whatever its code (the producer reports AE/AR as an exception holding it).
 */
public final class MllpTestClient implements AutoCloseable {
    private final DefaultCamelContext camel = new DefaultCamelContext();
    private final ProducerTemplate template;
    private final MllpEndpoint endpoint;

    public MllpTestClient(int port, Path clientKeyStore, Path trustStore) {
        camel.start();
        endpoint = camel.getEndpoint("mllp://127.0.0.1:" + port + "?receiveTimeout=120000&readTimeout=120000"
                + "&hl7Headers=false&validatePayload=false", MllpEndpoint.class);
        if (trustStore != null) {
            SSLContextParameters ssl = new SSLContextParameters();
            if (clientKeyStore != null) {
                KeyStoreParameters ks = new KeyStoreParameters();
                ks.setResource("file:" + clientKeyStore);
                ks.setType("PKCS12");
                ks.setPassword(TestPki.password());
                KeyManagersParameters keys = new KeyManagersParameters();
                keys.setKeyStore(ks);
                keys.setKeyPassword(TestPki.password());
                ssl.setKeyManagers(keys);
            }
            KeyStoreParameters ts = new KeyStoreParameters();
            ts.setResource("file:" + trustStore);
            ts.setType("PKCS12");
            ts.setPassword(TestPki.password());
            TrustManagersParameters trust = new TrustManagersParameters();
            trust.setKeyStore(ts);
            ssl.setTrustManagers(trust);
            endpoint.getConfiguration().setSslContextParameters(ssl);
        }
        template = camel.createProducerTemplate();
    }

    /** Plain TCP. */
    public MllpTestClient(int port) {
        this(port, null, null);
    }

    /** Sends one message and returns the acknowledgement's text (segments separated by CR). */
    public String send(String hl7) {
        Exchange ex = template.request(endpoint, e -> e.getMessage().setBody(hl7.getBytes(StandardCharsets.UTF_8)));
        Exception failure = ex.getException();
        if (failure instanceof MllpException me && me.hasHl7AcknowledgementBytes()) {
            return new String(me.getHl7AcknowledgementBytes(), StandardCharsets.UTF_8);
        }
        if (failure != null) {
            throw new IllegalStateException("no acknowledgement: " + failure.getClass().getSimpleName(), failure);
        }
        String ack = ex.getMessage().getHeader("CamelMllpAcknowledgementString", String.class);
        if (ack == null) {
            byte[] bytes = ex.getMessage().getHeader("CamelMllpAcknowledgement", byte[].class);
            ack = bytes == null ? ex.getMessage().getBody(String.class) : new String(bytes, StandardCharsets.UTF_8);
        }
        return ack;
    }

    /** MSA-1 of an acknowledgement. */
    public static String code(String ack) {
        int i = ack.indexOf("MSA|");
        return i < 0 ? "" : ack.substring(i + 4, i + 6);
    }

    @Override
    public void close() {
        camel.stop();
    }
}
