package org.seamless.hub;

import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Flag;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.mappings.alert.AlertFlags;
import org.seamless.mappings.message.MessageBundles;

/** Which agencies take which LA's alerts (registry {@code policy.alert-subscriptions}), and who owns an alert. */
public final class AlertSubscriptions {
    private AlertSubscriptions() {
    }

    /** True when the trust subscribes to the LA's alerts ({@code *} subscribes to every LA). */
    public static boolean subscribes(AgencyConfig trust, String laId) {
        return trust.policy().subscribesTo(laId);
    }

    /** The owning LA's agency id: the namespace of the first Flag's business identifier. */
    public static Optional<String> owner(Bundle message) {
        return MessageBundles.all(message, Flag.class).stream().map(AlertFlags::businessIdentifier)
                .flatMap(Optional::stream).map(i -> i.getValue()).filter(v -> v != null && v.contains("/"))
                .map(v -> v.substring(0, v.indexOf('/'))).findFirst();
    }
}
