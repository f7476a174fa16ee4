package org.seamless.adapters.pds;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How Seamless reaches the PDS FHIR API (configuration {@code seamless.pds.*}).
 *
 * @param baseUrl              the API's base, e.g. {@code https://int.api.service.nhs.uk/personal-demographics/FHIR/R4}
 * @param bearerToken          the access token sent as {@code Authorization: Bearer}; null sends none (sandbox). A secret:
 *                             never in {@link #toString()}. Application-restricted OAuth (signed JWT) is not built yet
 *                             (ADR 0079): a deployer supplies a token from outside
 * @param requestsPerSecond    the throttle's rate; PDS publishes 5 TPS per application by default
 * @param burst                how many requests may go at once after a quiet spell (the token bucket's size)
 * @param timeout              one request's timeout
 * @param maxRateLimitRetries  how many 429 answers one request waits out (by Retry-After) before giving up
 */
public record PdsSettings(URI baseUrl, String bearerToken, double requestsPerSecond, int burst, Duration timeout,
                          int maxRateLimitRetries) {
    /** The rate PDS publishes for an application ("The default rate limit is 5TPS ... per app"). */
    public static final double PUBLISHED_RATE = 5.0;

    public PdsSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(timeout, "timeout");
        if (!(requestsPerSecond > 0)) {
            throw new IllegalArgumentException("requestsPerSecond must be more than 0");
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be at least 1");
        }
        if (maxRateLimitRetries < 0) {
            throw new IllegalArgumentException("maxRateLimitRetries must be 0 or more");
        }
        String s = baseUrl.toString();
        if (s.endsWith("/")) {
            baseUrl = URI.create(s.substring(0, s.length() - 1));
        }
    }

    /** Settings at PDS's published rate, 10 s timeout, 5 retries after 429. */
    public static PdsSettings of(URI baseUrl, String bearerToken) {
        return new PdsSettings(baseUrl, bearerToken, PUBLISHED_RATE, 1, Duration.ofSeconds(10), 5);
    }

    @Override
    public String toString() {
        return "PdsSettings[baseUrl=" + baseUrl + ", token=" + (bearerToken == null ? "none" : "****")
                + ", requestsPerSecond=" + requestsPerSecond + ", burst=" + burst + ", timeout=" + timeout
                + ", maxRateLimitRetries=" + maxRateLimitRetries + "]";
    }
}
