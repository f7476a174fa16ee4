package org.seamless.broker;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Broker settings. {@code embedded} starts Artemis inside this process (journal under the data
 * directory); {@code external} connects to {@code url}.
 *
 * @param tcpPort     port of the embedded broker's TCP acceptor (0 picks a free port)
 * @param passwords   broker user passwords by user name; in embedded mode a missing password is
 *                    generated at start and never written anywhere
 */
@ConfigurationProperties("seamless.broker")
public record BrokerProperties(
        @DefaultValue("embedded") Mode mode,
        @DefaultValue("tcp://localhost:61616") String url,
        @DefaultValue("true") boolean tcpEnabled,
        @DefaultValue("127.0.0.1") String tcpHost,
        @DefaultValue("61616") int tcpPort,
        @DefaultValue("6") int maxDeliveryAttempts,
        @DefaultValue("500") long redeliveryDelayMs,
        @DefaultValue("2.0") double redeliveryMultiplier,
        @DefaultValue("30000") long maxRedeliveryDelayMs,
        @DefaultValue("104857600") long globalMaxSizeBytes,
        Map<String, String> passwords) {

    /** Where the broker runs. */
    public enum Mode { EMBEDDED, EXTERNAL }

    public BrokerProperties {
        passwords = passwords == null ? Map.of() : Map.copyOf(passwords);
    }

    @Override
    public String toString() {
        return "BrokerProperties[mode=" + mode + ", url=" + url + ", passwords=" + passwords.keySet() + "]";
    }
}
