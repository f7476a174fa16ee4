package org.seamless.hub.identity;

import java.time.Clock;
import org.seamless.adapters.registry.AgencyRegistry;
import org.seamless.hub.alerts.OperatorAlerts;
import org.seamless.hub.d2aclock.StayRefs;
import org.seamless.hub.residence.ResidenceRules;
import org.seamless.ledger.LedgerEvents;
import org.seamless.privacy.keys.DomainKeyStore;
import org.seamless.privacy.keys.FieldCipher;
import org.seamless.privacy.keys.Pseudonyms;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The identity events subscriber and its effects (ADR 0084), on hubs with {@code seamless.identity-events.enabled}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdentityEventsProperties.class)
@ConditionalOnExpression(IdentityEventsConfiguration.ACTIVE)
public class IdentityEventsConfiguration {
    /** On hubs whose configuration enables the subscriber. */
    public static final String ACTIVE = "${seamless.identity-events.enabled:false} and ${seamless.run-hub:true}";

    @Bean
    IdentityEventInbox identityEventInbox(JdbcTemplate jdbc, FieldCipher cipher, Clock clock) {
        return new IdentityEventInbox(jdbc, cipher, clock);
    }

    @Bean
    IdentityChanges identityChanges(JdbcTemplate jdbc, TransactionTemplate tx, FieldCipher cipher, DomainKeyStore keys,
                                    ResidenceRules residence, AgencyRegistry registry, LedgerEvents ledger,
                                    OperatorAlerts operatorAlerts, Clock clock) {
        return new IdentityChanges(jdbc, tx, cipher, new StayRefs(new Pseudonyms(keys)), residence, registry, ledger,
                operatorAlerts, clock);
    }
}
