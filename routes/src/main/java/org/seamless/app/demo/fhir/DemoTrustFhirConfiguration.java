package org.seamless.app.demo.fhir;

import ca.uhn.fhir.rest.server.FifoMemoryPagingProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.util.Optional;
import org.seamless.adapters.nhsfhir.NhsFhirAdapterType;
import org.seamless.adapters.registry.AgencyRegistry;
import org.seamless.app.demo.SimulatedReceiver;
import org.seamless.mappings.canonical.FhirContexts;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The demo trust's FHIR server, a real HAPI {@link RestfulServer} at {@value #PATH}, when the simulators run. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression(SimulatedReceiver.ACTIVE)
public class DemoTrustFhirConfiguration {
    public static final String AGENCY = "demo-trust";
    public static final String PATH = "/demo/demo-trust/fhir";

    @Bean
    DemoTrustFhirSystem demoTrustFhirSystem() {
        return new DemoTrustFhirSystem();
    }

    @Bean
    DemoTrustFlags demoTrustFlags() {
        return new DemoTrustFlags();
    }

    @Bean
    ServletRegistrationBean<RestfulServer> demoTrustFhirServlet(DemoTrustFhirSystem system, AgencyRegistry registry,
                                                                 DemoTrustFlags flags) {
        // the bearer token the sink presents, when the registry gives the demo trust one
        Optional<String> token = registry.find(AGENCY).flatMap(a -> a.adapter().param(NhsFhirAdapterType.AUTH_TOKEN));
        RestfulServer server = new RestfulServer(FhirContexts.r4());
        server.registerProvider(new DemoTrustProcessMessage(system, token));
        server.registerProvider(new DemoTrustFlagProvider(flags, token));
        // why: searches answer in pages (_count, next links) as a HAPI server does
        FifoMemoryPagingProvider paging = new FifoMemoryPagingProvider(20);
        paging.setDefaultPageSize(DemoTrustFlagProvider.PAGE_SIZE);
        paging.setMaximumPageSize(500);
        server.setPagingProvider(paging);
        ServletRegistrationBean<RestfulServer> bean = new ServletRegistrationBean<>(server, PATH + "/*");
        bean.setName("demo-trust-fhir");
        bean.setLoadOnStartup(1);
        return bean;
    }
}
