package org.seamless.app.broker;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Hub tuning: consumers per inbound address. */
@ConfigurationProperties("seamless.hub")
public record HubProperties(@DefaultValue("2") int concurrentConsumers) {
}
