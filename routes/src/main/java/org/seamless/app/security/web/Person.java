package org.seamless.app.security.web;

import java.util.Locale;

/**
 * A named person acting on Seamless: the account name (never a password or token) and the role.
 *
 * @param named false for a caller using one of the shared keys (kept only where
 *              {@code seamless.security.shared-keys-enabled} is true)
 */
public record Person(String name, Role role, boolean named) implements java.io.Serializable {
    public static final String SHARED_OPERATOR_KEY = "shared-operator-key";
    public static final String SHARED_IG_KEY = "shared-ig-key";

    /** What a person may do. */
    public enum Role {
        /** Runs the hub: replays, reads quarantine and dead letters, sees circuits and unsettled messages. */
        OPERATOR,
        /** The information-governance lead: disclosure reports. */
        IG_LEAD,
        /** Reads operational state; changes nothing and reads no message content. */
        AUDITOR;

        public String authority() {
            return "ROLE_" + name();
        }

        static Role parse(String account, String value) {
            try {
                return Role.valueOf(value == null ? "" : value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("seamless.security.people." + account
                        + ".role must be OPERATOR, IG_LEAD or AUDITOR");
            }
        }
    }
}
