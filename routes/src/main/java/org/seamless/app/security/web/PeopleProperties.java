package org.seamless.app.security.web;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The named people who operate Seamless (ADR 0047): each has an account of their own with one role.
 *
 * @param people           per account name: its role, password hash and API token digest
 * @param sharedKeysEnabled whether the shared operator and IG API keys ({@code seamless.ig.*}) are still
 *                         accepted; the production profile refuses it. A shared key acts under the account
 *                         name {@value Person#SHARED_OPERATOR_KEY} or {@value Person#SHARED_IG_KEY}.
 */
@ConfigurationProperties("seamless.security")
public record PeopleProperties(Map<String, Account> people, @DefaultValue("false") boolean sharedKeysEnabled) {

    public PeopleProperties {
        people = people == null ? Map.of() : Map.copyOf(people);
    }

    /**
     * @param role           OPERATOR, IG_LEAD or AUDITOR
     * @param passwordHash   the password as Spring Security's {@code PasswordEncoder} stores it, with its
     *                       algorithm prefix ({@code {bcrypt}...} or {@code {argon2}...}); blank: no password login
     * @param apiTokenSha256 SHA-256 (hex) of the person's API token for scripts ({@code X-API-Key}); blank: none
     */
    public record Account(String role, @DefaultValue("") String passwordHash, @DefaultValue("") String apiTokenSha256) {
    }
}
