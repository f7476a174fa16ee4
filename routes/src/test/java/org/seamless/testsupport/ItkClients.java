package org.seamless.testsupport;

import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.handler.MessageContext;
import java.util.List;
import java.util.Map;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.seamless.adapters.lasoap.itk.ITKServiceSendRecv1;

/** A council's ITK client (CXF, the vendored WSDL's interface) calling a hub on this machine with the council's API key. */
public final class ItkClients {
    private ItkClients() {
    }

    /** The hub's ITK alert service ({@code /soap/itk/alerts}). */
    public static ITKServiceSendRecv1 alerts(int port, String apiKey) {
        return at(port, "/soap/itk/alerts", apiKey);
    }

    /** The hub's ITK answer service ({@code /soap/itk/answers}). */
    public static ITKServiceSendRecv1 answers(int port, String apiKey) {
        return at(port, "/soap/itk/answers", apiKey);
    }

    private static ITKServiceSendRecv1 at(int port, String path, String apiKey) {
        JaxWsProxyFactoryBean factory = new JaxWsProxyFactoryBean();
        factory.setServiceClass(ITKServiceSendRecv1.class);
        factory.setAddress("http://localhost:" + port + path);
        ITKServiceSendRecv1 client = (ITKServiceSendRecv1) factory.create();
        ((BindingProvider) client).getRequestContext().put(MessageContext.HTTP_REQUEST_HEADERS,
                Map.of("X-API-Key", List.of(apiKey)));
        return client;
    }
}
