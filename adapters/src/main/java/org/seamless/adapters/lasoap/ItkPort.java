package org.seamless.adapters.lasoap;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.function.UnaryOperator;
import javax.net.ssl.TrustManagerFactory;
import org.apache.cxf.configuration.jsse.TLSClientParameters;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.cxf.transports.http.configuration.HTTPClientPolicy;
import org.seamless.adapters.lasoap.itk.ITKServiceSendRecv1;

/**
 * The generated ITK client ({@link ITKServiceSendRecv1}, SOAP 1.1 request-response) for one LA,
 * made on first use: the endpoint's placeholders are resolved then, and a failure to resolve or
 * to load the trust store is retried with the message instead of stopping the application.
 */
public final class ItkPort {
    private final ItkClientSettings settings;
    private final UnaryOperator<String> resolver;
    private volatile ITKServiceSendRecv1 port;

    public ItkPort(ItkClientSettings settings, UnaryOperator<String> resolver) {
        this.settings = settings;
        this.resolver = resolver;
    }

    /** The client proxy; thread-safe for calls, as its request context is not changed after creation. */
    public ITKServiceSendRecv1 get() {
        ITKServiceSendRecv1 p = port;
        if (p == null) {
            synchronized (this) {
                p = port;
                if (p == null) {
                    p = create();
                    port = p;
                }
            }
        }
        return p;
    }

    private ITKServiceSendRecv1 create() {
        String address = resolver.apply(settings.endpoint());
        JaxWsProxyFactoryBean factory = new JaxWsProxyFactoryBean();
        factory.setServiceClass(ITKServiceSendRecv1.class);
        factory.setAddress(address);
        ITKServiceSendRecv1 proxy = (ITKServiceSendRecv1) factory.create();
        Client client = ClientProxy.getClient(proxy);
        HTTPConduit conduit = (HTTPConduit) client.getConduit();
        HTTPClientPolicy policy = new HTTPClientPolicy();
        policy.setConnectionTimeout(settings.timeoutMs());
        policy.setReceiveTimeout(settings.timeoutMs());
        // why: a fixed-length request is what most LA SOAP stacks and proxies expect
        policy.setAllowChunking(false);
        conduit.setClient(policy);
        if (address.regionMatches(true, 0, "https:", 0, 6)) {
            conduit.setTlsClientParameters(tls());
        }
        return proxy;
    }

    private TLSClientParameters tls() {
        TLSClientParameters tls = new TLSClientParameters();
        tls.setDisableCNCheck(false);
        if (settings.trustStore().isPresent()) {
            try {
                KeyStore store = KeyStore.getInstance(settings.trustStore().get().toFile(), settings.trustStorePassword());
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(store);
                tls.setTrustManagers(tmf.getTrustManagers());
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException("agency " + settings.agencyId() + ": the trust store could not be loaded ("
                        + e.getClass().getSimpleName() + ")", e);
            }
        }
        return tls;
    }
}
