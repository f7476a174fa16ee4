package org.seamless.adapters.spi;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.registry.AgencyRegistry;

/**
 * Maps an API key to the agency it belongs to. The registry holds only SHA-256 digests of keys;
 * keys are long random strings, so a fast digest cannot be reversed by guessing.
 */
public final class AgencyAuthenticator {
    /** HTTP header carrying the API key. */
    public static final String API_KEY_HEADER = "X-API-Key";

    private final Map<String, AgencyConfig> byDigest = new HashMap<>();

    public AgencyAuthenticator(AgencyRegistry registry) {
        registry.all().forEach(a -> a.apiKeySha256().ifPresent(d -> byDigest.put(d, a)));
    }

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
}
