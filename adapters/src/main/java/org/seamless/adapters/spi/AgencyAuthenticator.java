package org.seamless.adapters.spi;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.registry.AgencyRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the agency behind an HTTP request. Every credential the request presents (client
 * certificate, bearer token, API key) must hold and all must name the same agency; a request that
 * presents none, or any that fails, is not authenticated. The registry holds only SHA-256 digests
 * of API keys; keys are long random strings, so a fast digest cannot be reversed by guessing.
 *
 * <p>Refusals are logged with the credential kind and a fixed reason code, never a credential,
 * a certificate subject or a message value.
 */
public final class AgencyAuthenticator {
    /** HTTP header carrying the API key. */
    public static final String API_KEY_HEADER = "X-API-Key";
    /**
     * Request attribute under which the HTTP security layer leaves the agency it authenticated the
     * request as (ADR 0047); edges that ask {@link #authenticate(HttpServletRequest)} get that agency
     * without the credentials being checked a second time. Request attributes are set only by the server.
     */
    public static final String AUTHENTICATED_AGENCY = AgencyAuthenticator.class.getName() + ".agency";

    private static final Logger log = LoggerFactory.getLogger(AgencyAuthenticator.class);

    private final Map<String, AgencyConfig> byDigest = new HashMap<>();
    private final List<CredentialCheck> checks = new ArrayList<>();

    public AgencyAuthenticator(AgencyRegistry registry) {
        this(registry, List.of());
    }

    /** API keys plus further checks (client certificates, access tokens). */
    public AgencyAuthenticator(AgencyRegistry registry, List<CredentialCheck> more) {
        registry.all().forEach(a -> a.apiKeySha256().ifPresent(d -> byDigest.put(d, a)));
        checks.addAll(more);
        checks.add(new ApiKeyCheck());
    }

    /** The agency a request authenticates as, or empty (answer 401 without detail). */
    public Optional<AgencyConfig> authenticate(HttpServletRequest request) {
        if (request.getAttribute(AUTHENTICATED_AGENCY) instanceof AgencyConfig established) {
            return Optional.of(established);
        }
        return check(request);
    }

    /** Checks every credential the request presents, whatever the security layer established. */
    public Optional<AgencyConfig> check(HttpServletRequest request) {
        AgencyConfig agency = null;
        for (CredentialCheck check : checks) {
            CredentialCheck.Result r = check.check(request);
            if (r instanceof CredentialCheck.Invalid invalid) {
                log.warn("authentication refused: {} {} on {}", check.method(), invalid.reason(), pathOf(request));
                return Optional.empty();
            }
            if (r instanceof CredentialCheck.Valid valid) {
                if (agency != null && !agency.id().equals(valid.agency().id())) {
                    log.warn("authentication refused: {} names a different agency than another credential on {}",
                            check.method(), pathOf(request));
                    return Optional.empty();
                }
                agency = valid.agency();
            }
        }
        if (agency == null) {
            log.warn("authentication refused: no credential on {}", pathOf(request));
        }
        return Optional.ofNullable(agency);
    }

    /** The agency an API key belongs to (the key alone; prefer {@link #authenticate(HttpServletRequest)}). */
    public Optional<AgencyConfig> authenticate(String apiKey) {
        if (apiKey == null || apiKey.isBlank() || apiKey.length() > 512) {
            return Optional.empty();
        }
        return Optional.ofNullable(byDigest.get(sha256Hex(apiKey.strip())));
    }

    /** The digest to put in the registry for a key. */
    public static String sha256Hex(String apiKey) {
        return org.seamless.mappings.canonical.Digests.sha256Hex(apiKey);
    }

    private static String pathOf(HttpServletRequest request) {
        String uri = request.getRequestURI();
        // why: paths may carry ids; log only the first two segments (the edge)
        String[] parts = uri == null ? new String[0] : uri.split("/", 4);
        return parts.length >= 3 ? "/" + parts[1] + "/" + parts[2] : String.valueOf(uri);
    }

    private final class ApiKeyCheck implements CredentialCheck {
        @Override
        public String method() {
            return "api-key";
        }

        @Override
        public Result check(HttpServletRequest request) {
            String key = request.getHeader(API_KEY_HEADER);
            if (key == null) {
                return NOT_PRESENTED;
            }
            return authenticate(key).<Result>map(Valid::new).orElseGet(() -> new Invalid("unknown-key"));
        }
    }
}
