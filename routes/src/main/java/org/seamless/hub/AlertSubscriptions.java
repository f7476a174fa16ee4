package org.seamless.hub;

import java.util.Arrays;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Flag;
import org.seamless.adapters.nhsfhir.NhsFhirAdapterType;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.mappings.alert.AlertFlags;
import org.seamless.mappings.message.MessageBundles;

/** Which trusts take which LA's alerts ({@code alert-subscriptions} of the nhs-fhir adapter), and who owns an alert. */
public final class AlertSubscriptions {
    private AlertSubscriptions() {
    }

    /** True when the trust subscribes to the LA's alerts ({@code *} subscribes to every LA). */
    public static boolean subscribes(AgencyConfig trust, String laId) {
        return trust.adapter().param(NhsFhirAdapterType.ALERT_SUBSCRIPTIONS)
                .map(v -> Arrays.stream(v.split(",")).map(String::strip).anyMatch(s -> s.equals("*") || s.equals(laId)))
                .orElse(false);
    }

    /** The owning LA's agency id: the namespace of the first Flag's business identifier. */
    public static Optional<String> owner(Bundle message) {
        return MessageBundles.all(message, Flag.class).stream().map(AlertFlags::businessIdentifier)
                .flatMap(Optional::stream).map(i -> i.getValue()).filter(v -> v != null && v.contains("/"))
                .map(v -> v.substring(0, v.indexOf('/'))).findFirst();
    }
}
