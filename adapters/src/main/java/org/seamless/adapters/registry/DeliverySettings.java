package org.seamless.adapters.registry;

import java.time.Duration;
import java.util.Optional;

/**
 * An agency's delivery terms in the registry ({@code delivery:}), read by the outage policy that
 * every sink shares.
 *
 * @param deadline how long a message may wait for the agency's system while its failures are
 *                 transient before it is dead-lettered with reason {@code deadline-passed}; empty:
 *                 the configured default ({@code seamless.delivery.deadline}, 5 days)
 * @param probe    how an open circuit checks whether the agency's system is back, sending nothing
 *                 personal: {@code tcp} (connect to the sink's endpoint, the default) or an
 *                 {@code http(s)} health URL that must answer 2xx to a GET
 */
public record DeliverySettings(Optional<Duration> deadline, Optional<String> probe) {
    public static final DeliverySettings DEFAULTS = new DeliverySettings(Optional.empty(), Optional.empty());

    public DeliverySettings {
        deadline = deadline == null ? Optional.empty() : deadline;
        probe = probe == null ? Optional.empty() : probe;
        if (deadline.isPresent() && (deadline.get().isNegative() || deadline.get().isZero())) {
            throw new IllegalArgumentException("delivery.deadline must be positive");
        }
        if (probe.isPresent() && !probe.get().equals("tcp") && !probe.get().matches("(?i)https?://.+")) {
            throw new IllegalArgumentException("delivery.probe must be 'tcp' or an http(s) health URL");
        }
    }

    /** The probe's health URL, when the agency has one (else the probe is a TCP connect). */
    public Optional<String> healthUrl() {
        return probe.filter(p -> !p.equals("tcp"));
    }
}
