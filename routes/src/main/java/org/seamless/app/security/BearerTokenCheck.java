package org.seamless.app.security;

import jakarta.servlet.http.HttpServletRequest;
import org.seamless.adapters.registry.AgencyRegistry;
import org.seamless.adapters.spi.CredentialCheck;

/** An {@code Authorization: Bearer} access token issued by {@link TokenController}. */
final class BearerTokenCheck implements CredentialCheck {
    private final AccessTokens tokens;
    private final AgencyRegistry registry;

    BearerTokenCheck(AccessTokens tokens, AgencyRegistry registry) {
        this.tokens = tokens;
        this.registry = registry;
    }

    @Override
    public String method() {
        return "bearer-token";
    }

    @Override
    public Result check(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null) {
            return NOT_PRESENTED;
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() > 1024) {
            return new Invalid("malformed-authorization-header");
        }
        return tokens.agencyOf(header.substring(7).strip())
                .flatMap(registry::find)
                .<Result>map(Valid::new)
                .orElseGet(() -> new Invalid("unknown-or-expired-token"));
    }
}
