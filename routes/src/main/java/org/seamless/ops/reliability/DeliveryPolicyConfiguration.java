package org.seamless.ops.reliability;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds {@link DeliveryPolicyProperties}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DeliveryPolicyProperties.class)
class DeliveryPolicyConfiguration {
}
