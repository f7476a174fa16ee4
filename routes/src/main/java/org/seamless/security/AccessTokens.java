package org.seamless.security;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.seamless.mappings.canonical.Digests;

/**
 * Short-lived opaque bearer tokens issued at {@code /oauth2/token}. Only each token's SHA-256 is
 * kept, in memory: a restart ends every token and clients fetch a new one (they must handle
 * expiry anyway), and a memory dump yields no usable token.
 */
final class AccessTokens {
    private record Grant(String agencyId, Instant expires) {
    }

    private final Map<String, Grant> byDigest = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final Duration ttl;

    AccessTokens(Clock clock, Duration ttl) {
        this.clock = clock;
        this.ttl = ttl;
    }

    /** A new token for the agency. */
    String issue(String agencyId) {
        Instant now = clock.instant();
        byDigest.values().removeIf(g -> !g.expires().isAfter(now));
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        byDigest.put(Digests.sha256Hex(token), new Grant(agencyId, now.plus(ttl)));
        return token;
    }

    /** The agency a live token was issued to. */
    Optional<String> agencyOf(String token) {
        Grant g = byDigest.get(Digests.sha256Hex(token));
        if (g == null || !g.expires().isAfter(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(g.agencyId());
    }

    Duration ttl() {
        return ttl;
    }
}
