package org.seamless.ops.pds;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code seamless.pds.*}: where the PDS FHIR API is and how fast Seamless may call it (ADR 0079). Without
 * {@code base-url} there is no PDS tracing, and an agency that asks for it fails the start.
 *
 * @param baseUrl             e.g. {@code https://int.api.service.nhs.uk/personal-demographics/FHIR/R4}
 * @param bearerToken         access token (secret; from the environment, {@code SEAMLESS_PDS_BEARER_TOKEN})
 * @param requestsPerSecond   throttle rate for the whole application (PDS publishes 5 by default)
 * @param burst               requests allowed at once after a quiet spell
 * @param timeout             one request's timeout
 * @param maxRateLimitRetries 429 answers waited out per request before the import stops (and retries at the next poll)
 * @param concurrency         requests in flight at once (the throttle still bounds the rate); default 4
 */
@ConfigurationProperties("seamless.pds")
public record PdsProperties(String baseUrl, String bearerToken, Double requestsPerSecond, Integer burst,
                            Duration timeout, Integer maxRateLimitRetries, Integer concurrency) {
    public PdsProperties {
        requestsPerSecond = requestsPerSecond == null ? 5.0 : requestsPerSecond;
        burst = burst == null ? 1 : burst;
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        maxRateLimitRetries = maxRateLimitRetries == null ? 5 : maxRateLimitRetries;
        concurrency = concurrency == null ? 4 : concurrency;
        if (concurrency < 1) {
            throw new IllegalArgumentException("seamless.pds.concurrency must be at least 1");
        }
    }

    @Override
    public String toString() {
        return "PdsProperties[baseUrl=" + baseUrl + ", token=" + (bearerToken == null ? "none" : "****") + "]";
    }
}
