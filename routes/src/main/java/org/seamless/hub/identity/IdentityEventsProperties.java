package org.seamless.hub.identity;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The identity events subscriber (ADR 0084): {@code seamless.identity-events.*}.
 *
 * @param enabled         whether the hub serves {@value IdentityEventsController#PATH}
 * @param signingSecrets  the Standard Webhooks secrets the event publisher signs with (current first; more than
 *                        one during a rotation); at least one when enabled
 * @param tolerance       how far a signature's timestamp may be from the hub's clock
 */
@ConfigurationProperties("seamless.identity-events")
public record IdentityEventsProperties(boolean enabled, List<String> signingSecrets, Duration tolerance) {
    public IdentityEventsProperties {
        signingSecrets = signingSecrets == null ? List.of() : List.copyOf(signingSecrets);
        tolerance = tolerance == null ? Duration.ofMinutes(5) : tolerance;
        if (enabled && signingSecrets.isEmpty()) {
            throw new IllegalArgumentException("seamless.identity-events.signing-secrets is required when enabled");
        }
    }

    @Override
    public String toString() {
        return "IdentityEventsProperties[enabled=" + enabled + ", secrets=" + signingSecrets.size() + ", tolerance="
                + tolerance + "]";
    }
}
