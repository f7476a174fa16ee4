package org.seamless.edge;

import ca.uhn.fhir.rest.server.RestfulServer;
import jakarta.servlet.ServletRegistration;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.cxf.Bus;
import org.apache.cxf.jaxws.EndpointImpl;
import org.seamless.adapters.spi.AdapterTypes;
import org.seamless.adapters.spi.AgencyAuthenticator;
import org.seamless.adapters.spi.EdgeContext;
import org.seamless.adapters.spi.InboundGate;
import org.seamless.adapters.spi.RejectedInputStore;
import org.seamless.hub.alerts.FlagPullProvider;
import org.seamless.mappings.canonical.FhirContexts;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Serves the inbound edges the adapter types register through the adapter contract ({@link AdapterEdges}):
 * FHIR providers on the FHIR R4 server at {@code seamless.fhir.base-path} (default {@code /fhir}),
 * SOAP services on the CXF servlet ({@code cxf.path}, /soap) and servlets at their own paths. Adding an
 * adapter type changes nothing here.
 */
@Configuration(proxyBeanMethods = false)
public class AdapterEdgesConfiguration {

    @Bean
    AdapterEdges adapterEdges(AdapterTypes types, AgencyAuthenticator auth, InboundGate gate, RejectedInputStore rejected,
                              Clock clock, Environment env, BeanFactory beans) {
        EdgeContext context = new EdgeContext() {
            @Override
            public AgencyAuthenticator authenticator() {
                return auth;
            }

            @Override
            public InboundGate gate() {
                return gate;
            }

            @Override
            public RejectedInputStore rejected() {
                return rejected;
            }

            @Override
            public Clock clock() {
                return clock;
            }

            @Override
            public String property(String name, String defaultValue) {
                return env.getProperty(name, defaultValue);
            }

            @Override
            public <T> T service(Class<T> type) {
                return beans.getBean(type);
            }
        };
        return new AdapterEdges(types, context, env.getProperty("cxf.path", "/soap"));
    }

    @Bean
    ServletRegistrationBean<RestfulServer> fhirServlet(AdapterEdges edges, FlagPullProvider flagPulls,
                                                       @Value("${seamless.fhir.base-path:/fhir}") String basePath) {
        RestfulServer server = new RestfulServer(FhirContexts.r4());
        edges.fhirProviders().forEach(server::registerProvider);
        // why: the hub's own FHIR provider (it answers from the hub's alert store, so it lives with the hub):
        // GET [base]/Flag?patient.identifier=... (ADR 0017)
        server.registerProvider(flagPulls);
        String mapping = (basePath.endsWith("/") ? basePath : basePath + "/") + "*";
        ServletRegistrationBean<RestfulServer> bean = new ServletRegistrationBean<>(server, mapping);
        bean.setName("fhir");
        bean.setLoadOnStartup(1);
        return bean;
    }

    /** The SOAP services, published on the CXF bus; stopped with the application. */
    @Bean
    SoapEdges soapEdges(Bus bus, AdapterEdges edges) {
        List<EndpointImpl> published = new ArrayList<>();
        for (AdapterEdges.SoapService s : edges.soapServices()) {
            EndpointImpl endpoint = new EndpointImpl(bus, s.implementor());
            endpoint.publish(s.path());
            published.add(endpoint);
        }
        return new SoapEdges(published);
    }

    /** The servlets adapter types serve at their own paths. */
    @Bean
    ServletContextInitializer adapterServlets(AdapterEdges edges) {
        return context -> {
            for (AdapterEdges.ServletEdge s : edges.servlets()) {
                ServletRegistration.Dynamic r = context.addServlet(s.name(), s.servlet());
                r.addMapping(s.urlPatterns().toArray(String[]::new));
                r.setLoadOnStartup(1);
            }
        };
    }

    /** The published SOAP endpoints. */
    public record SoapEdges(List<EndpointImpl> endpoints) implements DisposableBean {
        @Override
        public void destroy() {
            endpoints.forEach(EndpointImpl::stop);
        }
    }
}
