package org.seamless.ops.reliability;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The outage policy every sink shares ({@code seamless.delivery.*}); an agency's own deadline and
 * probe are in the registry ({@code delivery:}).
 *
 * @param deadline        how long a message may wait through transient failures before it is
 *                        dead-lettered with reason {@code deadline-passed} (MESH keeps messages 5 days)
 * @param retryDelayMs    how long a message that failed transiently waits before it is tried again
 *                        (longer when the partner's {@code Retry-After} says so)
 * @param alertAfterMs    an operator alert when an agency has had no successful delivery for this long
 *                        while messages wait for it
 * @param deadlineWarning an operator alert when a waiting message's deadline is this close (at most a
 *                        fifth of the deadline)
 * @param watchIntervalMs how often open circuits are probed and the alerts above are checked (at most;
 *                        a circuit is probed at its own {@code half-open-after-ms})
 */
@ConfigurationProperties("seamless.delivery")
public record DeliveryPolicyProperties(
        @DefaultValue("P5D") Duration deadline,
        @DefaultValue("15000") long retryDelayMs,
        @DefaultValue("900000") long alertAfterMs,
        @DefaultValue("P1D") Duration deadlineWarning,
        @DefaultValue("5000") long watchIntervalMs) {

    public DeliveryPolicyProperties {
        if (deadline.isNegative() || deadline.isZero() || retryDelayMs < 1 || alertAfterMs < 1 || watchIntervalMs < 1
                || deadlineWarning.isNegative()) {
            throw new IllegalArgumentException("seamless.delivery: the deadline, delays and intervals must be positive");
        }
    }

    /** How close a deadline must be for the "nearing its deadline" alert, for a deadline of this length. */
    Duration warningFor(Duration agencyDeadline) {
        Duration fifth = agencyDeadline.dividedBy(5);
        return deadlineWarning.compareTo(fifth) < 0 ? deadlineWarning : fifth;
    }
}
