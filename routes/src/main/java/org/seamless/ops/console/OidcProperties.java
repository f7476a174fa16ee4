package org.seamless.ops.console;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Optional sign-in to the console through the organisation's OpenID Connect identity provider (ADR 0051).
 * Off while {@code issuer-uri} is blank. The client secret comes from the environment
 * ({@code SEAMLESS_SECURITY_OIDC_CLIENT_SECRET}), never from a committed file.
 *
 * @param issuerUri    the provider's issuer; its {@code /.well-known/openid-configuration} is read at start
 * @param clientId     Seamless's client id at the provider
 * @param clientSecret Seamless's client secret at the provider
 * @param roleClaim    the ID token claim whose values name the person's role or groups (default {@code roles};
 *                     e.g. {@code groups})
 * @param roles        claim value to role ({@code OPERATOR}, {@code IG_LEAD}, {@code AUDITOR}); where empty, a
 *                     claim value that is itself a role's name maps to it
 * @param nameClaim    the claim that names the person in the operations audit (default {@code preferred_username});
 *                     where it names one of {@code seamless.security.people}, that account's role applies too
 * @param displayName  the sign-in button's text
 */
@ConfigurationProperties("seamless.security.oidc")
public record OidcProperties(@DefaultValue("") String issuerUri, @DefaultValue("") String clientId,
                             @DefaultValue("") String clientSecret, @DefaultValue("roles") String roleClaim,
                             Map<String, String> roles, @DefaultValue("preferred_username") String nameClaim,
                             @DefaultValue("Sign in with your organisation account") String displayName) {

    public OidcProperties {
        roles = roles == null ? Map.of() : Map.copyOf(roles);
    }

    public boolean enabled() {
        return !issuerUri.isBlank();
    }
}
