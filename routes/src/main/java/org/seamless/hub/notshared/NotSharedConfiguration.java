package org.seamless.hub.notshared;

import org.seamless.privacy.keys.FieldCipher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The register of recorded decisions not to share (ADR 0082), read by the privacy chain. */
@Configuration(proxyBeanMethods = false)
public class NotSharedConfiguration {
    @Bean
    NotSharedDecisions notSharedDecisions(JdbcTemplate jdbc, FieldCipher cipher) {
        return new NotSharedDecisions(jdbc, cipher);
    }
}
