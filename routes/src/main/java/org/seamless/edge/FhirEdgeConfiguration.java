package org.seamless.edge;

import ca.uhn.fhir.rest.server.RestfulServer;
import org.seamless.adapters.nhsfhir.ProcessMessageProvider;
import org.seamless.adapters.registry.AgencyRegistry;
import org.seamless.adapters.spi.AgencyAuthenticator;
import org.seamless.adapters.spi.InboundGate;
import org.seamless.adapters.spi.RejectedInputStore;
import org.seamless.mappings.canonical.FhirContexts;
import org.seamless.mappings.validation.ProfiledMessageValidator;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The FHIR R4 server at {@code seamless.fhir.base-path} (default {@code /fhir}): the NHS trusts' inbound edge. */
@Configuration(proxyBeanMethods = false)
public class FhirEdgeConfiguration {

    /**
     * Profile validation with the full validator's verdicts, cached by message shape. The UK Core
     * profiles are loaded during start-up ({@link ValidatorWarmUp}), so that the application reports
     * UP only when the first sender will not wait for them.
     */
    @Bean
    ProfiledMessageValidator profiledMessageValidator(
            @Value("${seamless.fhir.validation.shape-cache-size:10000}") int shapes) {
        return new ProfiledMessageValidator(shapes);
    }

    /** Loads the UK Core profiles alongside the rest of start-up, not after it (ADR 0059). */
    @Bean
    static ValidatorWarmUp validatorWarmUp() {
        return new ValidatorWarmUp();
    }

    @Bean
    ServletRegistrationBean<RestfulServer> fhirServlet(AgencyAuthenticator auth, InboundGate gate,
                                                       RejectedInputStore rejected, ProfiledMessageValidator validator,
                                                       org.seamless.alerts.FlagPullProvider flagPulls,
                                                       @Value("${seamless.fhir.base-path:/fhir}") String basePath,
                                                       @Value("${seamless.fhir.public-url:urn:seamless:hub}") String publicUrl) {
        RestfulServer server = new RestfulServer(FhirContexts.r4());
        server.registerProvider(new ProcessMessageProvider(auth, gate, rejected, publicUrl, validator));
        server.registerProvider(flagPulls); // GET [base]/Flag?patient.identifier=... (ADR 0017)
        String mapping = (basePath.endsWith("/") ? basePath : basePath + "/") + "*";
        ServletRegistrationBean<RestfulServer> bean = new ServletRegistrationBean<>(server, mapping);
        bean.setName("fhir");
        bean.setLoadOnStartup(1);
        return bean;
    }
}
