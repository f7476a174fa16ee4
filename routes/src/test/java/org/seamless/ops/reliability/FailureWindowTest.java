package org.seamless.ops.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FailureWindowTest {
    @Test
    void opensOnlyAfterThresholdFailuresInARowInsideTheWindow() {
        FailureWindow w = new FailureWindow(3, 60_000);
        w.failure(0);
        w.failure(1_000);
        assertThat(w.reached(1_000)).isFalse();
        w.failure(2_000);
        assertThat(w.reached(2_000)).isTrue();
        assertThat(w.count(2_000)).isEqualTo(3);
    }

    @Test
    void aSuccessInBetweenResetsTheCount() {
        FailureWindow w = new FailureWindow(3, 60_000);
        w.failure(0);
        w.failure(1_000);
        w.clear();
        w.failure(2_000);
        assertThat(w.reached(2_000)).isFalse();
        assertThat(w.count(2_000)).isEqualTo(1);
    }

    @Test
    void failuresOlderThanTheWindowDoNotCount() {
        FailureWindow w = new FailureWindow(3, 60_000);
        w.failure(0);
        w.failure(30_000);
        w.failure(70_000); // the first fell out of the window
        assertThat(w.reached(70_000)).isFalse();
        w.failure(80_000);
        assertThat(w.reached(80_000)).isTrue();
        assertThat(w.reached(200_000)).as("the window moves on without new failures").isFalse();
    }

    @Test
    void scatteredFailuresOverDaysNeverOpenIt() {
        FailureWindow w = new FailureWindow(3, 60_000);
        long day = 86_400_000L;
        for (int i = 0; i < 10; i++) {
            w.failure(i * day);
            assertThat(w.reached(i * day)).isFalse();
        }
    }

    @Test
    void refusesANonPositiveThresholdOrWindow() {
        assertThatThrownBy(() -> new FailureWindow(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FailureWindow(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
