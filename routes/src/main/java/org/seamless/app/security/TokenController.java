package org.seamless.app.security;

import java.util.LinkedHashMap;
import java.util.Map;
import org.seamless.adapters.registry.AgencyRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * OAuth2 token endpoint for the client credentials grant with a signed JWT client assertion
 * (RFC 6749 s4.4, RFC 7523, SMART Backend Services). The token it returns is accepted as
 * {@code Authorization: Bearer} on the FHIR and API edges. Errors follow RFC 6749 s5.2 and name
 * no detail beyond the error code; the reason is logged.
 */
@RestController
public class TokenController {
    static final String PATH = "/oauth2/token";
    private static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private static final Logger log = LoggerFactory.getLogger(TokenController.class);

    private final ClientAssertions assertions;
    private final AccessTokens tokens;
    private final AgencyRegistry registry;
    private final SecurityProperties props;
    private final Environment env;

    TokenController(ClientAssertions assertions, AccessTokens tokens, AgencyRegistry registry, SecurityProperties props,
                    Environment env) {
        this.assertions = assertions;
        this.tokens = tokens;
        this.registry = registry;
        this.props = props;
        this.env = env;
    }

    /**
     * The {@code aud} every client assertion must carry: {@code seamless.security.token-audience}, or
     * (outside production, which requires the setting) this server's token URL on localhost, made from
     * its own configuration. Never the URL of the request, whose host name the caller chooses (ADR 0038).
     */
    static String audience(SecurityProperties props, Environment env) {
        if (!props.tokenAudience().isBlank()) {
            return props.tokenAudience();
        }
        String scheme = env.getProperty("server.ssl.enabled", Boolean.class, false) ? "https" : "http";
        String port = env.getProperty("local.server.port", env.getProperty("server.port", "8080"));
        return scheme + "://localhost:" + port + env.getProperty("server.servlet.context-path", "") + PATH;
    }

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> token(@RequestBody MultiValueMap<String, String> form) {
        if (!"client_credentials".equals(form.getFirst("grant_type"))) {
            return error(HttpStatus.BAD_REQUEST, "unsupported_grant_type");
        }
        String assertion = form.getFirst("client_assertion");
        if (!ASSERTION_TYPE.equals(form.getFirst("client_assertion_type")) || assertion == null || assertion.length() > 16384) {
            return error(HttpStatus.BAD_REQUEST, "invalid_request");
        }
        String aud = audience(props, env);
        String agencyId;
        try {
            agencyId = assertions.verify(assertion, aud);
        } catch (ClientAssertions.Refused e) {
            log.warn("authentication refused: client-assertion {} on {}", e.getMessage(), PATH);
            return error(HttpStatus.UNAUTHORIZED, "invalid_client");
        }
        String clientId = form.getFirst("client_id");
        if ((clientId != null && !clientId.equals(agencyId)) || registry.find(agencyId).isEmpty()) {
            log.warn("authentication refused: client-assertion client-id-mismatch on {}", PATH);
            return error(HttpStatus.UNAUTHORIZED, "invalid_client");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", tokens.issue(agencyId));
        body.put("token_type", "bearer");
        body.put("expires_in", tokens.ttl().toSeconds());
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }

    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String code) {
        return ResponseEntity.status(status).cacheControl(CacheControl.noStore()).body(Map.of("error", code));
    }
}
