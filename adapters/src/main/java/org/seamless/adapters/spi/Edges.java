package org.seamless.adapters.spi;

import jakarta.servlet.Servlet;

/**
 * Where an adapter type registers its inbound edges ({@link AdapterType#edges}): the runtime serves
 * them, behind the agencies' authentication (every edge registered here answers only an authenticated
 * agency) and the body limits. Inbound file consumers are routes ({@link AdapterType#routes}).
 */
public interface Edges {

    /** A HAPI FHIR provider (resource or plain provider) on the hub's FHIR server ({@code seamless.fhir.base-path}). */
    void fhirProvider(Object provider);

    /**
     * A JAX-WS service implementation published on the hub's SOAP servlet ({@code cxf.path}) at {@code path}
     * (e.g. {@code /itk/answers}).
     */
    void soapService(String path, Object implementor);

    /** An HTTP servlet at a URL pattern of its own (e.g. {@code /partner/*}), named {@code name}. */
    void servlet(String name, String urlPattern, Servlet servlet);
}
