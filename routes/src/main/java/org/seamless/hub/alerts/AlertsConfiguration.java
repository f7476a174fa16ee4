package org.seamless.hub.alerts;

import java.time.Clock;
import org.seamless.adapters.registry.AgencyRegistry;
import org.seamless.adapters.spi.AgencyAuthenticator;
import org.seamless.adapters.spi.InboundGate;
import org.seamless.privacy.PrivacyChain;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The hub's alert services: the pull (FHIR edge), access notifications and the access log. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({AlertsProperties.class, FlagPullProperties.class})
public class AlertsConfiguration {

    @Bean
    FlagPulls flagPulls(HubAlertStore store, PrivacyChain chain, AgencyRegistry registry, InboundGate gate,
                        AlertAccessLog accesses, OperatorAlerts operatorAlerts, Clock clock, AlertsProperties props,
                        FlagPullProperties pullProps) {
        // a malformed policy.alert-settings entry already failed the registry's loading, not the first pull
        pullProps.agencies().keySet().forEach(id -> registry.find(id).orElseThrow(() -> new IllegalStateException(
                "seamless.alerts.pulls.agencies." + id + ": no agency with this id in the registry")));
        return new FlagPulls(store, chain, registry, gate, accesses, operatorAlerts,
                new FlagPullWatch(pullProps, operatorAlerts, clock), clock, props.timeZone());
    }

    @Bean
    FlagPullLimiter flagPullLimiter(FlagPullProperties pullProps, Clock clock,
                                    org.springframework.jdbc.core.JdbcTemplate jdbc,
                                    org.springframework.transaction.support.TransactionTemplate tx) {
        // why: one bucket per agency in the database, whichever hub instance answers the pull (ADR 0054);
        // the original pull and the Patient Flags shape draw on the same bucket
        return new FlagPullLimiter(pullProps, clock, new JdbcFlagPullBuckets(jdbc, tx));
    }

    @Bean
    FlagPullProvider flagPullProvider(AgencyAuthenticator authenticator, FlagPulls pulls, FlagPullLimiter limiter) {
        return new FlagPullProvider(authenticator, pulls, limiter);
    }

    /**
     * The Patient Flags / CP-IS shaped pull (ADR 0081) on a FHIR server of its own under the FHIR base path
     * (so the agency-only security of {@code seamless.fhir.base-path} covers it); an empty path turns it off.
     */
    @Bean
    org.springframework.boot.web.servlet.ServletRegistrationBean<ca.uhn.fhir.rest.server.RestfulServer> patientFlagsServlet(
            FlagPulls pulls, FlagPullLimiter limiter, AlertAccessLog accesses,
            @org.springframework.beans.factory.annotation.Value("${seamless.fhir.base-path:/fhir}") String basePath,
            @org.springframework.beans.factory.annotation.Value("${seamless.alerts.patient-flags.path:patient-flags}") String path) {
        String sub = path.strip().replaceAll("^/+|/+$", "");
        if (!sub.matches("[A-Za-z0-9._/-]*")) {
            throw new IllegalStateException("seamless.alerts.patient-flags.path must be a relative path");
        }
        ca.uhn.fhir.rest.server.RestfulServer server = new ca.uhn.fhir.rest.server.RestfulServer(
                org.seamless.mappings.canonical.FhirContexts.r4());
        PatientFlagsProviders.all(pulls, limiter, accesses).forEach(server::registerProvider);
        String base = basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath;
        var bean = new org.springframework.boot.web.servlet.ServletRegistrationBean<>(server,
                base + "/" + (sub.isEmpty() ? "patient-flags-disabled" : sub) + "/*");
        bean.setName("fhir-patient-flags");
        bean.setLoadOnStartup(1);
        bean.setEnabled(!sub.isEmpty());
        return bean;
    }
}
