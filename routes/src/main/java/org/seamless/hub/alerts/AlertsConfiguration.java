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
    FlagPullProvider flagPullProvider(AgencyAuthenticator authenticator, FlagPulls pulls, FlagPullProperties pullProps,
                                      Clock clock, org.springframework.jdbc.core.JdbcTemplate jdbc,
                                      org.springframework.transaction.support.TransactionTemplate tx) {
        // why: one bucket per agency in the database, whichever hub instance answers the pull (ADR 0054)
        return new FlagPullProvider(authenticator, pulls, new FlagPullLimiter(pullProps, clock,
                new JdbcFlagPullBuckets(jdbc, tx)));
    }
}
