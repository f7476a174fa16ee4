package org.seamless.privacy.record;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.seamless.privacy.decide.Decision;
import org.seamless.privacy.decide.DecisionRequest;

/**
 * One decided leg: who received (or was refused) which data classes about whom, when and why.
 *
 * @param replayGeneration 0 for the first delivery, incremented by each operator replay
 * @param dataClasses      the kinds of resource released (e.g. Patient, Encounter); empty when withheld
 * @param payloadDigest    SHA-256 of the released payload, hex; empty when withheld
 */
public record DisclosureRecord(
        DecisionRequest request,
        Decision decision,
        int replayGeneration,
        Set<String> dataClasses,
        Optional<String> payloadDigest,
        Instant recordedAt) {

    public DisclosureRecord {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(decision, "decision");
        dataClasses = Set.copyOf(dataClasses);
        payloadDigest = payloadDigest == null ? Optional.empty() : payloadDigest;
        Objects.requireNonNull(recordedAt, "recordedAt");
    }
}
