package org.seamless.app.broker;

import org.apache.camel.component.jms.JmsComponent;
import org.seamless.adapters.registry.AgencyRegistry;
import org.seamless.app.config.SeamlessProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Broker wiring: users and passwords, the embedded broker when {@code seamless.broker.mode=embedded},
 * and the hub's transacted JMS component, the privacy chain's connection.
 */
@Configuration(proxyBeanMethods = false)
public class BrokerConfiguration {
    /** Camel component name of the hub's (the privacy chain's) broker connection. */
    public static final String HUB_COMPONENT = "hub";

    @Bean
    BrokerUsers brokerUsers(AgencyRegistry registry, BrokerProperties props) {
        return BrokerUsers.from(registry, props.passwords(), props.mode() == BrokerProperties.Mode.EMBEDDED);
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    @ConditionalOnProperty(name = "seamless.broker.mode", havingValue = "embedded", matchIfMissing = true)
    EmbeddedBroker embeddedBroker(BrokerProperties props, AgencyRegistry registry, BrokerUsers users,
                                  SeamlessProperties seamless) throws Exception {
        return new EmbeddedBroker(props, registry, users, seamless.dataDir());
    }

    @Bean
    BrokerConnections brokerConnections(BrokerProperties props, BrokerUsers users, AgencyRegistry registry,
                                        ObjectProvider<EmbeddedBroker> embedded) {
        EmbeddedBroker broker = embedded.getIfAvailable();
        if (broker == null && props.mode() == BrokerProperties.Mode.EXTERNAL && props.verifyAtStart()) {
            // why here: every route, adapter and listener needs these connections, so none starts before the check
            new ExternalBrokerCheck(registry, props.url(), users).verify();
        }
        return new BrokerConnections(broker != null ? broker.inVmUrl() : props.url(), users);
    }

    @Bean(HUB_COMPONENT)
    @ConditionalOnProperty(name = "seamless.run-hub", havingValue = "true", matchIfMissing = true)
    JmsComponent hubJmsComponent(BrokerConnections connections, HubProperties hub) {
        return connections.transactedComponent(BrokerUsers.HUB, hub.concurrentConsumers());
    }
}
