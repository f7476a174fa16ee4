package org.seamless.app.broker;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.registry.AgencyRegistry;
import org.seamless.adapters.spi.BuiltInAdapterType;

/**
 * The broker users and their passwords: {@value #HUB} (the privacy chain's connection, the only
 * one allowed to send to outbound addresses), {@value #OPERATOR} (browse and manage dead letters)
 * and one {@code agency-<id>} user per agency. Passwords never appear in {@link #toString()}.
 */
public final class BrokerUsers {
    public static final String HUB = "seamless-hub";
    public static final String OPERATOR = "seamless-operator";

    private final Map<String, String> passwords = new LinkedHashMap<>();

    private BrokerUsers() {
    }

    /**
     * Passwords from configuration (agency {@code broker-password} parameters and
     * {@code seamless.broker.passwords}); when {@code generateMissing}, random ones for the rest.
     */
    public static BrokerUsers from(AgencyRegistry registry, Map<String, String> configured, boolean generateMissing) {
        BrokerUsers users = new BrokerUsers();
        users.put(HUB, configured.get(HUB), generateMissing);
        users.put(OPERATOR, configured.get(OPERATOR), generateMissing);
        for (AgencyConfig a : registry.all()) {
            String pw = a.adapter().param(BuiltInAdapterType.BROKER_PASSWORD).orElse(configured.get(a.brokerUser()));
            users.put(a.brokerUser(), pw, generateMissing);
        }
        return users;
    }

    private void put(String user, String password, boolean generate) {
        if (password == null || password.isBlank()) {
            if (!generate) {
                return;
            }
            byte[] bytes = new byte[24];
            new SecureRandom().nextBytes(bytes);
            password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }
        passwords.put(user, password);
    }

    public Set<String> names() {
        return passwords.keySet();
    }

    public String password(String user) {
        String pw = passwords.get(user);
        if (pw == null) {
            throw new IllegalStateException("no broker password configured for user '" + user + "'");
        }
        return pw;
    }

    @Override
    public String toString() {
        return "BrokerUsers" + passwords.keySet();
    }
}
