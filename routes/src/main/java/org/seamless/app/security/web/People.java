package org.seamless.app.security.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.seamless.adapters.spi.AgencyAuthenticator;
import org.seamless.ledger.ApiKeyCheck;
import org.seamless.ledger.IgProperties;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * The named people's accounts ({@code seamless.security.people}): passwords for HTTP Basic through
 * Spring Security's {@code PasswordEncoder} (bcrypt or Argon2 hashes only), API tokens for scripts
 * (only their SHA-256 is configured: tokens are long random strings), and, where
 * {@code seamless.security.shared-keys-enabled} is true, the old shared operator and IG keys.
 * Misconfiguration stops the start with the setting that is wrong, never its value.
 */
public final class People implements UserDetailsService {
    private final Map<String, PeopleProperties.Account> accounts;
    private final Map<String, Person> byTokenDigest = new HashMap<>();
    private final boolean sharedKeys;
    private final IgProperties shared;

    private final PasswordEncoder passwords;

    public People(PeopleProperties props, IgProperties shared, PasswordEncoder passwords) {
        this.passwords = passwords;
        this.accounts = props.people();
        this.sharedKeys = props.sharedKeysEnabled();
        this.shared = shared;
        accounts.forEach((name, account) -> {
            String prefix = "seamless.security.people." + name;
            if (!name.matches("[a-z0-9][a-z0-9_-]{0,62}")) {
                throw new IllegalStateException(prefix + ": an account name is lower-case letters, digits, '_' or '-' "
                        + "(at most 63; no dots, which property names would split)");
            }
            if (name.startsWith("shared-")) {
                throw new IllegalStateException(prefix + ": names starting with 'shared-' are reserved");
            }
            Person.Role role = Person.Role.parse(name, account.role());
            String hash = account.passwordHash().strip();
            if (!hash.isEmpty() && !hash.startsWith("{bcrypt}") && !hash.startsWith("{argon2")) {
                throw new IllegalStateException(prefix + ".password-hash must be a bcrypt or Argon2 hash with its "
                        + "prefix ({bcrypt}... or {argon2}...)");
            }
            String token = account.apiTokenSha256().strip().toLowerCase(Locale.ROOT);
            if (!token.isEmpty()) {
                if (!token.matches("[0-9a-f]{64}")) {
                    throw new IllegalStateException(prefix + ".api-token-sha256 is not a SHA-256 digest (64 hex digits)");
                }
                if (byTokenDigest.put(token, new Person(name, role, true)) != null) {
                    throw new IllegalStateException(prefix + ".api-token-sha256 is another account's token too");
                }
            }
            if (hash.isEmpty() && token.isEmpty()) {
                throw new IllegalStateException(prefix + " has neither a password-hash nor an api-token-sha256");
            }
        });
    }

    /** The person an {@code X-API-Key} value belongs to: a personal token, or (if enabled) a shared key. */
    public Optional<Person> byKey(String key) {
        if (key == null || key.isBlank() || key.length() > 512) {
            return Optional.empty();
        }
        String digest = AgencyAuthenticator.sha256Hex(key.strip());
        for (Map.Entry<String, Person> e : byTokenDigest.entrySet()) {
            if (MessageDigest.isEqual(e.getKey().getBytes(StandardCharsets.US_ASCII),
                    digest.getBytes(StandardCharsets.US_ASCII))) {
                return Optional.of(e.getValue());
            }
        }
        if (sharedKeys) {
            if (ApiKeyCheck.matches(key, shared.opsApiKeySha256())) {
                return Optional.of(new Person(Person.SHARED_OPERATOR_KEY, Person.Role.OPERATOR, false));
            }
            if (ApiKeyCheck.matches(key, shared.apiKeySha256())) {
                return Optional.of(new Person(Person.SHARED_IG_KEY, Person.Role.IG_LEAD, false));
            }
        }
        return Optional.empty();
    }

    /**
     * The person an {@code X-API-Key} or {@code Authorization: Basic} header names, checked from headers
     * alone (for the body-limit gate, which runs before the security chain and before any body is read).
     */
    public Optional<Person> fromHeaders(String apiKey, String authorization) {
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(java.util.Base64.getDecoder().decode(authorization.substring(6).strip()),
                        StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                if (colon < 0) {
                    return Optional.empty();
                }
                String name = decoded.substring(0, colon);
                PeopleProperties.Account account = accounts.get(name);
                if (account == null || account.passwordHash().isBlank()
                        || !passwords.matches(decoded.substring(colon + 1), account.passwordHash().strip())) {
                    return Optional.empty();
                }
                return Optional.of(new Person(name, Person.Role.parse(name, account.role()), true));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return authorization == null ? byKey(apiKey) : Optional.empty();
    }

    /** For HTTP Basic: accounts with a password. */
    @Override
    public UserDetails loadUserByUsername(String username) {
        PeopleProperties.Account account = accounts.get(username);
        if (account == null || account.passwordHash().isBlank()) {
            throw new UsernameNotFoundException("no such account");
        }
        return User.withUsername(username).password(account.passwordHash().strip())
                .authorities(Person.Role.parse(username, account.role()).authority()).build();
    }

    public boolean isEmpty() {
        return accounts.isEmpty();
    }
}
