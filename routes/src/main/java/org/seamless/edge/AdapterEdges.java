package org.seamless.edge;

import jakarta.servlet.Servlet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.seamless.adapters.spi.AdapterType;
import org.seamless.adapters.spi.AdapterTypes;
import org.seamless.adapters.spi.EdgeContext;
import org.seamless.adapters.spi.Edges;

/**
 * The inbound edges every adapter type registered through the adapter contract
 * ({@link AdapterType#edges}), collected once at start; {@link AdapterEdgesConfiguration} serves them
 * (the FHIR server, the SOAP servlet, servlets of their own) and the web security answers them only
 * for an authenticated agency ({@link #agencyPaths}).
 */
public final class AdapterEdges implements Edges {
    /** A SOAP service to publish at {@code path} on the SOAP servlet. */
    public record SoapService(String path, Object implementor) {
    }

    /** A servlet of an adapter type's own. */
    public record ServletEdge(String name, List<String> urlPatterns, Servlet servlet) {
    }

    private final List<Object> fhirProviders = new ArrayList<>();
    private final List<SoapService> soapServices = new ArrayList<>();
    private final List<ServletEdge> servlets = new ArrayList<>();
    private final String soapBase;

    /** Asks every adapter type for its edges. */
    public AdapterEdges(AdapterTypes types, EdgeContext context, String soapBase) {
        this.soapBase = soapBase.endsWith("/") ? soapBase.substring(0, soapBase.length() - 1) : soapBase;
        for (AdapterType type : types.all()) {
            type.edges(context, this);
        }
    }

    @Override
    public void fhirProvider(Object provider) {
        fhirProviders.add(provider);
    }

    @Override
    public void soapService(String path, Object implementor) {
        soapServices.add(new SoapService(path.startsWith("/") ? path : "/" + path, implementor));
    }

    @Override
    public void servlet(String name, List<String> urlPatterns, Servlet servlet) {
        for (ServletEdge s : servlets) {
            if (s.name().equals(name) || s.urlPatterns().stream().anyMatch(urlPatterns::contains)) {
                throw new IllegalStateException("two adapter edges are named " + name + " or served at " + urlPatterns);
            }
        }
        servlets.add(new ServletEdge(name, List.copyOf(urlPatterns), servlet));
    }

    public List<Object> fhirProviders() {
        return List.copyOf(fhirProviders);
    }

    public List<SoapService> soapServices() {
        return List.copyOf(soapServices);
    }

    public List<ServletEdge> servlets() {
        return List.copyOf(servlets);
    }

    /**
     * The request paths of the SOAP services and servlets (the FHIR server's base path is the
     * security configuration's own): only an authenticated agency is answered there.
     */
    public Set<String> agencyPaths() {
        Set<String> paths = new TreeSet<>();
        soapServices.forEach(s -> paths.add(soapBase + s.path()));
        for (ServletEdge s : servlets) {
            for (String p : s.urlPatterns()) {
                if (p.endsWith("/*")) {
                    String base = p.substring(0, p.length() - 2);
                    paths.add(base);
                    paths.add(base + "/**");
                } else {
                    paths.add(p);
                }
            }
        }
        return paths;
    }
}
