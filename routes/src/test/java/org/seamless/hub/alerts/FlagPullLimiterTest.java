package org.seamless.hub.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlagPullLimiterTest {
    private final FlagPullWatchTest.MovableClock clock = new FlagPullWatchTest.MovableClock();

    @Test
    void aBurstThenThePerMinuteRateWithTheTimeToWaitWhenOver() {
        FlagPullLimiter limiter = new FlagPullLimiter(new FlagPullProperties(6, 3, Map.of(), Duration.ofHours(1), 10, 10),
                clock);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire("trust")).isEmpty();
        }
        assertThat(limiter.acquire("trust")).contains(Duration.ofSeconds(10)); // 6 a minute: one every 10 s
        assertThat(limiter.acquire("other-trust")).as("limits are per agency").isEmpty();
        clock.advance(Duration.ofSeconds(4));
        assertThat(limiter.acquire("trust")).contains(Duration.ofSeconds(6));
        clock.advance(Duration.ofSeconds(6));
        assertThat(limiter.acquire("trust")).isEmpty();
        assertThat(limiter.acquire("trust")).isPresent();
        clock.advance(Duration.ofHours(1)); // refilled to the burst, not beyond
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire("trust")).isEmpty();
        }
        assertThat(limiter.acquire("trust")).isPresent();
    }

    @Test
    void anAgencyCanHaveItsOwnLimitAndBadLimitsAreRefused() {
        FlagPullLimiter limiter = new FlagPullLimiter(new FlagPullProperties(60, 1,
                Map.of("big-trust", new FlagPullProperties.Limit(600, 5)), Duration.ofHours(1), 10, 10), clock);
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.acquire("big-trust")).isEmpty();
        }
        assertThat(limiter.acquire("big-trust")).isPresent();
        assertThat(limiter.acquire("trust")).isEmpty();
        assertThat(limiter.acquire("trust")).isPresent();
        assertThatThrownBy(() -> new FlagPullProperties(0, 1, Map.of(), Duration.ofHours(1), 10, 10))
                .hasMessageContaining("seamless.alerts.pulls.per-minute");
    }
}
