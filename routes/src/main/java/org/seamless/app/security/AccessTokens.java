package org.seamless.app.security;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.seamless.mappings.canonical.Digests;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Short-lived opaque bearer tokens issued at {@code /oauth2/token}, kept in table
 * {@code access_token} so every hub instance accepts a token any of them issued (ADR 0054). Only
 * each token's SHA-256 is stored: a database dump yields no usable token. Expired rows are deleted
 * as new tokens are issued.
 */
final class AccessTokens {
    private final JdbcTemplate jdbc;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final Duration ttl;
    private final String instanceId;

    AccessTokens(JdbcTemplate jdbc, Clock clock, Duration ttl, String instanceId) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.ttl = ttl;
        this.instanceId = instanceId;
    }

    /** A new token for the agency. */
    String issue(String agencyId) {
        Instant now = clock.instant();
        jdbc.update("DELETE FROM access_token WHERE expires_at <= ?", Timestamp.from(now));
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        jdbc.update("INSERT INTO access_token (token_sha256, agency_id, expires_at, issued_by) VALUES (?, ?, ?, ?)",
                Digests.sha256Hex(token), agencyId, Timestamp.from(now.plus(ttl)), instanceId);
        return token;
    }

    /** The agency a live token was issued to. */
    Optional<String> agencyOf(String token) {
        List<String> agency = jdbc.queryForList("SELECT agency_id FROM access_token WHERE token_sha256 = ?"
                + " AND expires_at > ?", String.class, Digests.sha256Hex(token), Timestamp.from(clock.instant()));
        return agency.stream().findFirst();
    }

    Duration ttl() {
        return ttl;
    }
}
