package org.seamless.adapters.pds;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The token bucket, on a clock the test moves. */
class RequestThrottleTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void fiveASecondAfterTheBurst() {
        RequestThrottle t = new RequestThrottle(5, 2, now::get);
        assertThat(t.reserve()).isZero();
        assertThat(t.reserve()).isZero();
        assertThat(t.reserve()).isEqualTo(200_000_000L);
        now.addAndGet(200_000_000L);
        assertThat(t.reserve()).isZero();
        assertThat(t.reserve()).isEqualTo(200_000_000L);
        now.addAndGet(10_000_000_000L);
        assertThat(t.reserve()).isZero();
        assertThat(t.reserve()).isZero();
        assertThat(t.reserve()).isPositive(); // never more than the burst after a quiet spell
    }

    @Test
    void aPauseHoldsEveryoneThenStartsFromAnEmptyBucket() {
        RequestThrottle t = new RequestThrottle(5, 5, now::get);
        t.pauseFor(3_000_000_000L);
        assertThat(t.reserve()).isEqualTo(3_000_000_000L);
        now.addAndGet(3_000_000_000L);
        assertThat(t.reserve()).isEqualTo(200_000_000L);
        now.addAndGet(200_000_000L);
        assertThat(t.reserve()).isZero();
    }

    @Test
    void retryAfterIsSecondsWithASecondWhenAbsentOrUnreadable() {
        assertThat(PdsClient.retryAfterSeconds(java.util.Optional.of("7"))).isEqualTo(7);
        assertThat(PdsClient.retryAfterSeconds(java.util.Optional.empty())).isEqualTo(1);
        assertThat(PdsClient.retryAfterSeconds(java.util.Optional.of("Wed, 21 Oct 2015 07:28:00 GMT"))).isEqualTo(1);
    }
}
