package org.seamless.alerts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per agency for flag pulls: {@code burst} pulls at once, refilled at
 * {@code perMinute}. In memory, per instance (ADR 0039).
 */
final class FlagPullLimiter {
    private final FlagPullProperties props;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    FlagPullLimiter(FlagPullProperties props, Clock clock) {
        this.props = props;
        this.clock = clock;
    }

    /** Empty: the pull may go ahead (and is counted); otherwise how long until the agency may pull again. */
    Optional<Duration> acquire(String agencyId) {
        FlagPullProperties.Limit limit = props.limitFor(agencyId);
        return buckets.computeIfAbsent(agencyId, id -> new Bucket(limit.burst(), clock.instant()))
                .take(limit, clock.instant());
    }

    private static final class Bucket {
        private double tokens;
        private Instant last;

        Bucket(int tokens, Instant now) {
            this.tokens = tokens;
            this.last = now;
        }

        synchronized Optional<Duration> take(FlagPullProperties.Limit limit, Instant now) {
            double perMilli = limit.perMinute() / 60_000.0;
            if (now.isAfter(last)) {
                tokens = Math.min(limit.burst(), tokens + Duration.between(last, now).toMillis() * perMilli);
                last = now;
            }
            if (tokens >= 1) {
                tokens -= 1;
                return Optional.empty();
            }
            return Optional.of(Duration.ofMillis((long) Math.ceil((1 - tokens) / perMilli)));
        }
    }
}
