package org.seamless.adapters.spi;

import jakarta.servlet.Servlet;
import java.util.List;

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
    default void servlet(String name, String urlPattern, Servlet servlet) {
        servlet(name, List.of(urlPattern), servlet);
    }

    /**
     * An HTTP servlet at several URL patterns of its own (e.g. {@code /api/v1/vcs/referrals/*} and
     * {@code /api/v1/vcs/inbox/*}, leaving the rest of {@code /api/v1/vcs} to the runtime).
     */
    void servlet(String name, List<String> urlPatterns, Servlet servlet);

    /**
     * Implemented by a servlet edge that serves a known set of operations: the runtime's endpoint
     * inventory and published API contract see them as they see the runtime's own request mappings.
     */
    interface Operations {
        /** Each operation as {@code "METHOD /path/{variable}"}, e.g. {@code "GET /api/v1/vcs/referrals/{referralId}"}. */
        List<String> operations();
    }
}
