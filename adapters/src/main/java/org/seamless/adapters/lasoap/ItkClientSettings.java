package org.seamless.adapters.lasoap;

import java.nio.file.Path;
import java.util.Optional;
import org.seamless.adapters.registry.AgencyConfig;

/**
 * How to reach one LA's ITK endpoint; the trust store password is a secret and never printed.
 *
 * @param endpoint as configured; may still hold {@code {{...}}} placeholders
 */
public record ItkClientSettings(String agencyId, String endpoint, long timeoutMs, Optional<Path> trustStore,
                                char[] trustStorePassword) {

    public ItkClientSettings {
        if (timeoutMs <= 0) {
            throw new IllegalArgumentException("agency " + agencyId + ": " + LaSoapAdapterType.TIMEOUT_MS
                    + " must be positive");
        }
        trustStore = trustStore == null ? Optional.empty() : trustStore;
    }

    public static ItkClientSettings of(AgencyConfig agency) {
        var a = agency.adapter();
        long timeout;
        try {
            timeout = Long.parseLong(a.param(LaSoapAdapterType.TIMEOUT_MS).orElse("10000").strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("agency " + agency.id() + ": " + LaSoapAdapterType.TIMEOUT_MS
                    + " is not a number");
        }
        return new ItkClientSettings(agency.id(), a.requiredParam(LaSoapAdapterType.ENDPOINT), timeout,
                a.param(LaSoapAdapterType.TRUST_STORE).map(Path::of),
                a.param(LaSoapAdapterType.TRUST_STORE_PASSWORD).map(String::toCharArray).orElse(null));
    }

    @Override
    public String toString() {
        return "ItkClientSettings[agency=" + agencyId + ", endpoint=" + endpoint + ", timeoutMs=" + timeoutMs
                + ", trustStore=" + trustStore.isPresent() + "]";
    }
}
