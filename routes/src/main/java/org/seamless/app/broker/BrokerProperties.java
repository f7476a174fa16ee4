package org.seamless.app.broker;

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
 * @param globalMaxSizeBytes  memory all addresses together may hold before paging to disk
 * @param addressMaxSizeBytes memory one agency's address may hold before its messages page to disk
 *                    (-1: only the global limit applies). Off by default: the 10,000-notice crash run
 *                    lost 3 notices accepted while their address was paging (docs/operations.md)
 * @param tlsKeyStore PKCS#12 key store of the embedded broker's TCP acceptor; when set, the
 *                    acceptor speaks TLS only (the production profile requires it)
 * @param tlsKeyStorePassword its password (from the environment: SEAMLESS_BROKER_TLS_KEY_STORE_PASSWORD)
 * @param verifyAtStart in external mode, ask the running broker at start whether it has every agency's
 *                    addresses, queues, dead-letter settings and roles, and refuse to start if not
 *                    ({@link ExternalBrokerCheck}; needs the {@code seamless-operator} password)
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
        @DefaultValue("-1") long addressMaxSizeBytes,
        Map<String, String> passwords,
        @DefaultValue("") String tlsKeyStore,
        @DefaultValue("") String tlsKeyStorePassword,
        @DefaultValue("true") boolean verifyAtStart) {

    /** Where the broker runs. */
    public enum Mode { EMBEDDED, EXTERNAL }

    public BrokerProperties {
        passwords = passwords == null ? Map.of() : Map.copyOf(passwords);
    }

    /** Whether the embedded TCP acceptor uses TLS. */
    public boolean tcpTls() {
        return tlsKeyStore != null && !tlsKeyStore.isBlank();
    }

    @Override
    public String toString() {
        return "BrokerProperties[mode=" + mode + ", url=" + url + ", passwords=" + passwords.keySet() + ", tls=" + tcpTls() + "]";
    }
}
