package org.seamless.app.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.sql.Timestamp;
import java.util.Map;
import java.util.Set;
import org.seamless.mappings.canonical.Digests;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Verifies the signed JWT a client presents at the token endpoint (OAuth2 client credentials with
 * {@code private_key_jwt}, as in SMART Backend Services): signed RS384 or ES384 with the public
 * key registered for the agency; {@code iss} and {@code sub} are the agency id; {@code aud} is the
 * token endpoint; {@code exp} lies in the near future; a {@code jti} is never accepted twice while
 * its assertion could still be valid, by any hub instance: the used ids are rows of
 * {@code used_client_assertion} (SHA-256 of issuer and jti), inserted once (ADR 0054).
 */
final class ClientAssertions {
    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS384, JWSAlgorithm.ES384);
    private static final Duration SKEW = Duration.ofSeconds(60);

    /** A refusal; {@code reason} is a fixed code, safe to log. */
    static final class Refused extends Exception {
        Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    private final Map<String, JWK> keys;
    private final Clock clock;
    private final Duration maxAge;
    private final JdbcTemplate jdbc;

    /** @param keys public key per agency id */
    ClientAssertions(Map<String, JWK> keys, Clock clock, Duration maxAge, JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.keys = Map.copyOf(keys);
        this.clock = clock;
        this.maxAge = maxAge;
    }

    /** The agency id the assertion proves, or {@link Refused}. */
    String verify(String assertion, String audience) throws Refused {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(assertion);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new Refused("malformed-assertion");
        }
        if (!ALGORITHMS.contains(jwt.getHeader().getAlgorithm())) {
            throw new Refused("unsupported-algorithm");
        }
        String iss = claims.getIssuer();
        if (iss == null || !iss.equals(claims.getSubject())) {
            throw new Refused("iss-and-sub-differ");
        }
        JWK key = keys.get(iss);
        if (key == null) {
            throw new Refused("unknown-client");
        }
        if (!verifies(jwt, key)) {
            throw new Refused("bad-signature");
        }
        if (claims.getAudience() == null || !claims.getAudience().contains(audience)) {
            throw new Refused("wrong-audience");
        }
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        if (exp == null || !exp.toInstant().isAfter(now.minus(SKEW))) {
            throw new Refused("expired-assertion");
        }
        if (exp.toInstant().isAfter(now.plus(maxAge).plus(SKEW))) {
            throw new Refused("assertion-lifetime-too-long");
        }
        String jti = claims.getJWTID();
        if (jti == null || jti.isBlank() || jti.length() > 256) {
            throw new Refused("missing-jti");
        }
        jdbc.update("DELETE FROM used_client_assertion WHERE keep_until < ?", Timestamp.from(now.minus(SKEW)));
        try {
            // why: an insert on the primary key, so two instances given the same assertion at once accept it once
            jdbc.update("INSERT INTO used_client_assertion (assertion_sha256, keep_until) VALUES (?, ?)",
                    Digests.sha256Hex(iss + " " + jti), Timestamp.from(exp.toInstant()));
        } catch (DuplicateKeyException e) {
            throw new Refused("replayed-jti");
        }
        return iss;
    }

    private static boolean verifies(SignedJWT jwt, JWK key) {
        try {
            JWSVerifier verifier;
            if (key instanceof ECKey ec && JWSAlgorithm.ES384.equals(jwt.getHeader().getAlgorithm())) {
                verifier = new ECDSAVerifier(ec.toECPublicKey());
            } else if (key instanceof RSAKey rsa && JWSAlgorithm.RS384.equals(jwt.getHeader().getAlgorithm())) {
                verifier = new RSASSAVerifier(rsa.toRSAPublicKey());
            } else {
                return false;
            }
            return jwt.verify(verifier);
        } catch (JOSEException e) {
            return false;
        }
    }
}
