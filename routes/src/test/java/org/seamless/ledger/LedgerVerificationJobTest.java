package org.seamless.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seamless.privacy.ledger.CheckpointKeys;
import org.seamless.privacy.ledger.CheckpointStore;
import org.seamless.privacy.ledger.LedgerVerifier;
import org.seamless.privacy.ledger.VerificationResult;

class LedgerVerificationJobTest {
    @TempDir
    Path dir;

    @Test
    void aBrokenChainRaisesTheGaugeAndAnIntactOneLowersIt() {
        LedgerVerifier verifier = mock(LedgerVerifier.class);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        var job = new LedgerVerificationJob(verifier, new CheckpointStore(dir.resolve("checkpoints")),
                CheckpointKeys.loadOrCreate(dir.resolve("signing.pk8")), registry);
        when(verifier.verify(anyList())).thenReturn(new VerificationResult(7, 0, Optional.of(3L),
                Optional.of("hash mismatch: the entry was changed, replaced or moved")));

        assertThat(job.last()).isEmpty();
        assertThat(job.verifyNow().intact()).isFalse();
        assertThat(job.last()).hasValueSatisfying(v -> assertThat(v.result().firstBrokenSeq()).contains(3L));
        assertThat(registry.get(LedgerVerificationJob.BROKEN).gauge().value()).isEqualTo(1);
        assertThat(registry.get(LedgerVerificationJob.RUNS).tag("result", "broken").counter().count()).isEqualTo(1);

        when(verifier.verify(anyList())).thenReturn(new VerificationResult(7, 0, Optional.empty(), Optional.empty()));
        assertThat(job.verifyNow().intact()).isTrue();
        assertThat(registry.get(LedgerVerificationJob.BROKEN).gauge().value()).isZero();
        assertThat(registry.get(LedgerVerificationJob.RUNS).tag("result", "intact").counter().count()).isEqualTo(1);
    }
}
