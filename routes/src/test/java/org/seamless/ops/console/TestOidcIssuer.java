package org.seamless.ops.console;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A tiny OpenID Connect provider inside the test (authorization-code flow only): discovery document, JWKS
 * with an RSA key generated for this run, an authorize endpoint that signs in whoever the test named with
 * {@link #signInNext} and redirects back with a code, and a token endpoint that checks the client's secret
 * and the code and answers an ID token signed with that key (or, after {@link #tamperNext()}, with another
 * key under the same key id, as a forged token would be).
 */
final class TestOidcIssuer implements AutoCloseable {
    /** Who the provider signs in next: subject, the name claim, and the groups claim. */
    record User(String subject, String name, List<String> groups) {
    }

    private record Pending(User user, String nonce, String redirectUri, boolean tampered) {
    }

    private final HttpServer server;
    private final String issuer;
    private final String clientId;
    private final String clientSecret;
    private final RSAKey key;
    private final RSAKey forger;
    private final Map<String, Pending> codes = new ConcurrentHashMap<>();
    private volatile User next;
    private volatile boolean tamper;

    private TestOidcIssuer(String clientId, String clientSecret) throws IOException, JOSEException {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.key = new RSAKeyGenerator(2048).keyID("seamless-test-key").generate();
        this.forger = new RSAKeyGenerator(2048).keyID("seamless-test-key").generate();
        this.server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        this.issuer = "http://localhost:" + server.getAddress().getPort() + "/issuer";
        server.createContext("/issuer/.well-known/openid-configuration", this::discovery);
        server.createContext("/issuer/jwks", ex -> json(ex, 200, new JWKSet(key.toPublicJWK()).toJSONObject()));
        server.createContext("/issuer/authorize", this::authorize);
        server.createContext("/issuer/token", this::token);
        server.start();
    }

    static TestOidcIssuer start(String clientId, String clientSecret) {
        try {
            return new TestOidcIssuer(clientId, clientSecret);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    String issuer() {
        return issuer;
    }

    /** The person the next authorization signs in. */
    void signInNext(User user) {
        this.next = user;
        this.tamper = false;
    }

    /** The next ID token is signed with a key the provider does not publish. */
    void tamperNext() {
        this.tamper = true;
    }

    private void discovery(HttpExchange ex) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("issuer", issuer);
        doc.put("authorization_endpoint", issuer + "/authorize");
        doc.put("token_endpoint", issuer + "/token");
        doc.put("jwks_uri", issuer + "/jwks");
        doc.put("response_types_supported", List.of("code"));
        doc.put("subject_types_supported", List.of("public"));
        doc.put("id_token_signing_alg_values_supported", List.of("RS256"));
        doc.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic"));
        doc.put("scopes_supported", List.of("openid", "profile"));
        json(ex, 200, doc);
    }

    private void authorize(HttpExchange ex) throws IOException {
        Map<String, String> q = form(ex.getRequestURI().getRawQuery());
        User user = next;
        if (user == null || !clientId.equals(q.get("client_id")) || !"code".equals(q.get("response_type"))) {
            json(ex, 400, Map.of("error", "invalid_request"));
            return;
        }
        String code = random();
        codes.put(code, new Pending(user, q.get("nonce"), q.get("redirect_uri"), tamper));
        String to = q.get("redirect_uri") + "?code=" + code + "&state=" + URLEncoder.encode(q.get("state"),
                StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Location", to);
        ex.sendResponseHeaders(302, -1);
        ex.close();
    }

    private void token(HttpExchange ex) throws IOException {
        String basic = ex.getRequestHeaders().getFirst("Authorization");
        String expected = "Basic " + Base64.getEncoder().encodeToString((URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + ":" + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        Map<String, String> f = form(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        Pending p = codes.remove(f.getOrDefault("code", ""));
        if (!expected.equals(basic)) {
            json(ex, 401, Map.of("error", "invalid_client"));
            return;
        }
        if (p == null || !"authorization_code".equals(f.get("grant_type")) || !p.redirectUri().equals(f.get("redirect_uri"))) {
            json(ex, 400, Map.of("error", "invalid_grant"));
            return;
        }
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer).subject(p.user().subject()).audience(clientId)
                .issueTime(java.util.Date.from(now)).expirationTime(java.util.Date.from(now.plusSeconds(300)))
                .claim("azp", clientId)
                .claim("preferred_username", p.user().name())
                .claim("groups", p.user().groups());
        if (p.nonce() != null) {
            claims.claim("nonce", p.nonce());
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                claims.build());
        try {
            jwt.sign(new RSASSASigner(p.tampered() ? forger : key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("access_token", random());
        answer.put("token_type", "Bearer");
        answer.put("expires_in", 300);
        answer.put("scope", "openid profile");
        answer.put("id_token", jwt.serialize());
        json(ex, 200, answer);
    }

    private static Map<String, String> form(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }

    private static void json(HttpExchange ex, int status, Map<String, ?> body) throws IOException {
        byte[] bytes = JSONObjectUtils.toJSONString(new LinkedHashMap<String, Object>(body)).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    private static String random() {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
