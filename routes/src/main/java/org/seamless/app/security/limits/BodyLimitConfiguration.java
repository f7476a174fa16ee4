package org.seamless.app.security.limits;

import java.util.List;
import org.seamless.adapters.nhsfhir.NhsFhirAdapterType;
import org.seamless.adapters.registry.AgencyRegistry;
import org.seamless.adapters.spi.AgencyAuthenticator;
import org.seamless.adapters.spi.RejectedInputStore;
import org.seamless.adapters.lasoap.LaSoapAdapterType;
import org.seamless.ledger.IgProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/** The body limits of every endpoint family, enforced by {@link BodyLimitFilter} before any other code reads a body. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({BodyLimitProperties.class, IgProperties.class})
public class BodyLimitConfiguration {
    private static final String ONE_MIB = "1048576";

    /**
     * The edges that authenticate and bound their own reads (FHIR, charity and consent APIs) answer an
     * oversize body themselves, keeping an excerpt from the known sender; the filter refuses unread
     * only a declared length over twice their limit.
     */
    @Bean
    BodyLimits bodyLimits(BodyLimitProperties props, AgencyRegistry registry, Environment env) {
        String fhir = env.getProperty("seamless.fhir.base-path", "/fhir");
        String soap = env.getProperty("cxf.path", "/soap");
        long fhirMax = registry.all().stream().filter(a -> NhsFhirAdapterType.NAME.equals(a.adapter().type()))
                .mapToLong(a -> Long.parseLong(a.adapter().param(NhsFhirAdapterType.MAX_MESSAGE_BYTES).orElse(ONE_MIB)))
                .max().orElse(Long.parseLong(ONE_MIB));
        List<BodyLimits.Family> families = List.of(
                new BodyLimits.Family("fhir", fhir, 2 * fhirMax, BodyLimits.Form.FHIR, BodyLimits.Gate.SELF),
                new BodyLimits.Family("la-soap-alerts",
                        soap + env.getProperty(LaSoapAdapterType.ALERTS_PATH_PROPERTY, LaSoapAdapterType.ALERTS_PATH_DEFAULT),
                        props.soapMaxBodyBytes(), BodyLimits.Form.SOAP, BodyLimits.Gate.LA_SOAP),
                new BodyLimits.Family("la-soap-answers",
                        soap + env.getProperty(LaSoapAdapterType.ANSWERS_PATH_PROPERTY, LaSoapAdapterType.ANSWERS_PATH_DEFAULT),
                        props.soapMaxBodyBytes(), BodyLimits.Form.SOAP, BodyLimits.Gate.LA_SOAP),
                new BodyLimits.Family("soap", soap, props.soapMaxBodyBytes(), BodyLimits.Form.SOAP, BodyLimits.Gate.NONE),
                new BodyLimits.Family("vcs-api", "/api/v1/vcs",
                        2 * env.getProperty("seamless.vcs.max-body-bytes", Long.class, 65536L),
                        BodyLimits.Form.PROBLEM, BodyLimits.Gate.SELF),
                new BodyLimits.Family("consent-api", "/api/v1/consents",
                        2 * env.getProperty("seamless.consent-api.max-body-bytes", Long.class, 65536L),
                        BodyLimits.Form.PROBLEM, BodyLimits.Gate.SELF),
                new BodyLimits.Family("ig-api", "/api/ig", props.igMaxBodyBytes(), BodyLimits.Form.PROBLEM,
                        BodyLimits.Gate.IG_KEY),
                new BodyLimits.Family("ops-api", "/api/ops", props.igMaxBodyBytes(), BodyLimits.Form.PROBLEM,
                        BodyLimits.Gate.OPS_KEY),
                new BodyLimits.Family("oauth2-token", "/oauth2/token", props.tokenMaxBodyBytes(),
                        BodyLimits.Form.PROBLEM, BodyLimits.Gate.NONE));
        return new BodyLimits(families, new BodyLimits.Family("other", "/", props.defaultMaxBodyBytes(),
                BodyLimits.Form.PROBLEM, BodyLimits.Gate.NONE));
    }

    /** Right after the security headers (so refusals carry them), before anything that could read a body. */
    @Bean
    FilterRegistrationBean<BodyLimitFilter> bodyLimitFilter(BodyLimits limits, AgencyAuthenticator authenticator,
                                                            org.seamless.app.security.web.People people,
                                                            RejectedInputStore rejected) {
        FilterRegistrationBean<BodyLimitFilter> bean = new FilterRegistrationBean<>(
                new BodyLimitFilter(limits, authenticator, people, rejected));
        bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        bean.addUrlPatterns("/*");
        return bean;
    }
}
