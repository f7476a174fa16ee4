package org.seamless.edge;

import ca.uhn.fhir.rest.server.RestfulServer;
import org.seamless.adapters.nhsfhir.ProcessMessageProvider;
import org.seamless.adapters.registry.AgencyRegistry;
import org.seamless.adapters.spi.AgencyAuthenticator;
import org.seamless.adapters.spi.InboundGate;
import org.seamless.adapters.spi.RejectedInputStore;
import org.seamless.mappings.canonical.FhirContexts;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The FHIR R4 server at {@code seamless.fhir.base-path} (default {@code /fhir}): the NHS trusts' inbound edge. */
@Configuration(proxyBeanMethods = false)
public class FhirEdgeConfiguration {

    @Bean
    AgencyAuthenticator agencyAuthenticator(AgencyRegistry registry) {
        return new AgencyAuthenticator(registry);
    }

    @Bean
    ServletRegistrationBean<RestfulServer> fhirServlet(AgencyAuthenticator auth, InboundGate gate,
                                                       RejectedInputStore rejected,
                                                       @Value("${seamless.fhir.base-path:/fhir}") String basePath,
                                                       @Value("${seamless.fhir.public-url:urn:seamless:hub}") String publicUrl) {
        RestfulServer server = new RestfulServer(FhirContexts.r4());
        server.registerProvider(new ProcessMessageProvider(auth, gate, rejected, publicUrl));
        String mapping = (basePath.endsWith("/") ? basePath : basePath + "/") + "*";
        ServletRegistrationBean<RestfulServer> bean = new ServletRegistrationBean<>(server, mapping);
        bean.setName("fhir");
        bean.setLoadOnStartup(1);
        return bean;
    }
}
