package org.seamless.app.config;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.seamless.app.broker.BrokerProperties;
import org.seamless.app.broker.HubProperties;

/** The application clock (tests may replace it) and the configuration records. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SeamlessProperties.class, BrokerProperties.class, HubProperties.class})
public class ClockConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
