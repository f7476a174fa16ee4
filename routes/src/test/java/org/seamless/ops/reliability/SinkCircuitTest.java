package org.seamless.ops.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The circuit's states on a clock the test moves: threshold, Retry-After, probe, deadline, alert claims. */
class SinkCircuitTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final SinkCircuit circuit = new SinkCircuit("la", 3, 60_000, 15_000, now::get);
    private final AtomicBoolean partnerUp = new AtomicBoolean(false);
    private final AtomicInteger probes = new AtomicInteger();

    private void tick() {
        circuit.tick(() -> {
            probes.incrementAndGet();
            return partnerUp.get();
        });
    }

    @Test
    void opensAfterThreeTransientFailuresInARowAndClosesWhenTheProbeAnswers() {
        circuit.transientFailure("m1:0", Long.MAX_VALUE, 0);
        circuit.transientFailure("m2:0", Long.MAX_VALUE, 0);
        assertThat(circuit.state()).isEqualTo(SinkCircuit.State.CLOSED);
        circuit.transientFailure("m1:0", Long.MAX_VALUE, 0);
        assertThat(circuit.state()).isEqualTo(SinkCircuit.State.OPEN);

        now.addAndGet(14_999);
        tick();
        assertThat(probes).as("no probe before half-open-after").hasValue(0);
        now.addAndGet(1);
        tick();
        assertThat(probes).hasValue(1);
        assertThat(circuit.state()).as("probe failed").isEqualTo(SinkCircuit.State.OPEN);
        partnerUp.set(true);
        now.addAndGet(15_000);
        tick();
        assertThat(circuit.state()).isEqualTo(SinkCircuit.State.CLOSED);
        assertThat(circuit.waiting()).as("the messages still wait until delivered").containsOnlyKeys("m1:0", "m2:0");
    }

    @Test
    void aSuccessInBetweenStartsTheCountAgain() {
        circuit.transientFailure("m1:0", Long.MAX_VALUE, 0);
        circuit.transientFailure("m1:0", Long.MAX_VALUE, 0);
        circuit.succeeded();
        circuit.transientFailure("m1:0", Long.MAX_VALUE, 0);
        assertThat(circuit.state()).isEqualTo(SinkCircuit.State.CLOSED);
    }

    @Test
    void retryAfterOpensAtOnceAndNothingIsProbedBeforeItPasses() {
        partnerUp.set(true);
        circuit.transientFailure("m1:0", Long.MAX_VALUE, 120_000);
        assertThat(circuit.state()).isEqualTo(SinkCircuit.State.OPEN);
        now.addAndGet(119_999);
        tick();
        assertThat(probes).hasValue(0);
        now.addAndGet(1);
        tick();
        assertThat(probes).hasValue(1);
        assertThat(circuit.state()).isEqualTo(SinkCircuit.State.CLOSED);
    }

    @Test
    void aPassedDeadlineLetsTheCircuitGoHalfOpenSoTheMessageCanBeDeadLettered() {
        long deadline = now.get() + 20_000;
        for (int i = 0; i < 3; i++) {
            circuit.transientFailure("m1:0", deadline, 0);
        }
        now.addAndGet(15_000);
        tick();
        assertThat(circuit.state()).as("deadline not passed yet").isEqualTo(SinkCircuit.State.OPEN);
        now.addAndGet(15_000);
        tick();
        assertThat(circuit.state()).isEqualTo(SinkCircuit.State.HALF_OPEN);
        circuit.deadLettered("m1:0");
        circuit.transientFailure("m2:0", Long.MAX_VALUE, 0);
        assertThat(circuit.state()).as("a failure in half-open opens again").isEqualTo(SinkCircuit.State.OPEN);
    }

    @Test
    void theStallAndDeadlineAlertsAreClaimedOncePerStallAndPerMessage() {
        assertThat(circuit.stalledSince()).as("nothing waits").isZero();
        long failedAt = now.get();
        circuit.transientFailure("m1:0", now.get() + 100_000, 0);
        assertThat(circuit.stalledSince()).isEqualTo(failedAt);
        assertThat(circuit.claimStallAlert()).isTrue();
        assertThat(circuit.claimStallAlert()).isFalse();
        assertThat(circuit.claimDeadlineWarning("m1:0")).isTrue();
        assertThat(circuit.claimDeadlineWarning("m1:0")).isFalse();
        assertThat(circuit.claimDeadlineWarning("other:0")).as("not waiting").isFalse();
        circuit.succeeded();
        assertThat(circuit.claimStallAlert()).as("a new stall after a success").isTrue();
    }

    @Test
    void aCircuitOpenedByHandStaysOpenWhateverTheProbeSaysUntilClosedByHand() {
        partnerUp.set(true);
        circuit.openByHand();
        assertThat(circuit.state()).isEqualTo(SinkCircuit.State.OPEN);
        assertThat(circuit.heldOpen()).isTrue();
        now.addAndGet(3_600_000);
        tick();
        assertThat(probes).as("a circuit held open by hand is not probed").hasValue(0);
        assertThat(circuit.state()).isEqualTo(SinkCircuit.State.OPEN);
        circuit.succeeded();
        assertThat(circuit.state()).as("an exchange in flight when it was opened does not close it").isEqualTo(
                SinkCircuit.State.OPEN);

        circuit.closeByHand();
        assertThat(circuit.state()).isEqualTo(SinkCircuit.State.CLOSED);
        assertThat(circuit.heldOpen()).isFalse();
        circuit.transientFailure("m1:0", Long.MAX_VALUE, 0);
        circuit.transientFailure("m1:0", Long.MAX_VALUE, 0);
        assertThat(circuit.state()).as("closing by hand starts the failure count afresh").isEqualTo(
                SinkCircuit.State.CLOSED);
        circuit.transientFailure("m1:0", Long.MAX_VALUE, 0);
        assertThat(circuit.state()).isEqualTo(SinkCircuit.State.OPEN);
        assertThat(circuit.heldOpen()).as("opened by failures, so the probe may close it").isFalse();
    }

    @Test
    void closingByHandAnAutomaticallyOpenedCircuitResumesAtOnce() {
        circuit.transientFailure("m1:0", Long.MAX_VALUE, 0);
        circuit.transientFailure("m1:0", Long.MAX_VALUE, 0);
        circuit.transientFailure("m1:0", Long.MAX_VALUE, 0);
        assertThat(circuit.state()).isEqualTo(SinkCircuit.State.OPEN);
        circuit.closeByHand();
        assertThat(circuit.state()).isEqualTo(SinkCircuit.State.CLOSED);
        assertThat(circuit.recentFailures()).isZero();
    }
}
