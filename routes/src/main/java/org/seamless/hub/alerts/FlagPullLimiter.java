package org.seamless.hub.alerts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per agency for flag pulls: {@code burst} pulls at once, refilled at
 * {@code perMinute} (ADR 0039). The buckets live in a {@link Buckets} store: the hub's database
 * ({@link JdbcFlagPullBuckets}), so every hub instance draws from the agency's one bucket (ADR 0054);
 * in memory for unit tests.
 */
final class FlagPullLimiter {
    private final FlagPullProperties props;
    private final Clock clock;
    private final Buckets buckets;

    /** Where the buckets are kept: takes one pull from the agency's bucket, or says how long to wait. */
    interface Buckets {
        Optional<Duration> take(String agencyId, FlagPullProperties.Limit limit, Instant now);
    }

    /** A bucket's state: tokens left at {@code last}. */
    record State(double tokens, Instant last) {
    }

    /** A bucket after one attempt: its new state, and how long to wait when the pull was refused. */
    record Step(State state, Optional<Duration> retryIn) {
    }

    FlagPullLimiter(FlagPullProperties props, Clock clock) {
        this(props, clock, new InMemory());
    }

    FlagPullLimiter(FlagPullProperties props, Clock clock, Buckets buckets) {
        this.props = props;
        this.clock = clock;
        this.buckets = buckets;
    }

    /** Empty: the pull may go ahead (and is counted); otherwise how long until the agency may pull again. */
    Optional<Duration> acquire(String agencyId) {
        return buckets.take(agencyId, props.limitFor(agencyId), clock.instant());
    }

    /** The bucket arithmetic, the same wherever the state is kept; {@code s} null: a new, full bucket. */
    static Step step(State s, FlagPullProperties.Limit limit, Instant now) {
        double perMilli = limit.perMinute() / 60_000.0;
        double tokens = s == null ? limit.burst() : s.tokens();
        Instant last = s == null ? now : s.last();
        if (now.isAfter(last)) {
            tokens = Math.min(limit.burst(), tokens + Duration.between(last, now).toMillis() * perMilli);
            last = now;
        }
        if (tokens >= 1) {
            return new Step(new State(tokens - 1, last), Optional.empty());
        }
        return new Step(new State(tokens, last), Optional.of(Duration.ofMillis((long) Math.ceil((1 - tokens) / perMilli))));
    }

    private static final class InMemory implements Buckets {
        private final Map<String, State> states = new ConcurrentHashMap<>();

        @Override
        public Optional<Duration> take(String agencyId, FlagPullProperties.Limit limit, Instant now) {
            Optional<Duration>[] wait = new Optional[1];
            states.compute(agencyId, (id, s) -> {
                Step step = step(s, limit, now);
                wait[0] = step.retryIn();
                return step.state();
            });
            return wait[0];
        }
    }
}
