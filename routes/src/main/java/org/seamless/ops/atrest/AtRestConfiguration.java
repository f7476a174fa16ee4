package org.seamless.ops.atrest;

import org.seamless.privacy.keys.DomainKeyStore;
import org.seamless.privacy.keys.FieldCipher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The cipher of identifiers in Seamless's own tables (ADR 0071), over the hub's key store. */
@Configuration(proxyBeanMethods = false)
public class AtRestConfiguration {

    @Bean
    FieldCipher fieldCipher(DomainKeyStore keys) {
        return new FieldCipher(keys);
    }
}
