package org.seamless.privacy;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.hl7.fhir.r4.model.Bundle;
import org.seamless.mappings.canonical.BrokerHeaders;
import org.seamless.mappings.canonical.FhirContexts;
import org.seamless.mappings.canonical.ScopedMessageIds;
import org.seamless.privacy.decide.Decision;
import org.seamless.privacy.decide.DecisionEngine;
import org.seamless.privacy.decide.DecisionRequest;
import org.seamless.privacy.identify.Subject;
import org.seamless.privacy.identify.SubjectIdentifier;
import org.seamless.privacy.record.DisclosureRecord;
import org.seamless.privacy.record.DisclosureRecorder;
import org.seamless.privacy.transform.MessageTransform;

/**
 * The privacy chain, declared once: identify, decide, then (for a releasing decision) the
 * transforms in order (sensitivity, minimise, pseudonymise), then record. The caller releases
 * the result; nothing else may publish to a recipient.
 */
public final class PrivacyChain {
    private final SubjectIdentifier identifier;
    private final DecisionEngine decisionEngine;
    private final List<MessageTransform> transforms;
    private final DisclosureRecorder recorder;
    private final Clock clock;

    public PrivacyChain(SubjectIdentifier identifier, DecisionEngine decisionEngine,
                        List<MessageTransform> transforms, DisclosureRecorder recorder, Clock clock) {
        this.identifier = Objects.requireNonNull(identifier);
        this.decisionEngine = Objects.requireNonNull(decisionEngine);
        this.transforms = List.copyOf(transforms);
        this.recorder = Objects.requireNonNull(recorder);
        this.clock = Objects.requireNonNull(clock);
    }

    /** Stage 1, once per message. Throws {@link org.seamless.privacy.identify.IdentificationException}. */
    public Subject identify(Bundle message) {
        return identifier.identify(message);
    }

    /** Stages 2 to 5 for one recipient leg. A withheld leg is recorded, never dropped. */
    public LegResult process(Leg leg) {
        DecisionRequest request = leg.request();
        Decision decision = decisionEngine.decide(request, leg.message());
        Optional<Bundle> released = Optional.empty();
        Set<String> dataClasses = Set.of();
        Optional<String> digest = Optional.empty();
        Optional<String> json = Optional.empty();
        if (decision.releases()) {
            Bundle out = leg.message();
            for (MessageTransform t : transforms) {
                out = t.apply(out, request, decision);
            }
            released = Optional.of(out);
            dataClasses = dataClassesOf(out);
            // why: encoded once; the digest is of exactly the bytes released, and the caller sends this encoding
            json = Optional.of(FhirContexts.r4().newJsonParser().encodeResourceToString(out));
            digest = Optional.of(org.seamless.mappings.canonical.Digests.sha256Hex(json.get()));
        }
        DisclosureRecord record = new DisclosureRecord(request, decision, leg.replayGeneration(), dataClasses,
                digest, clock.instant());
        recorder.record(record);
        return new LegResult(decision, released, json, record);
    }

    /** Stage 6 done: the leg's payload is with the broker for the recipient. Recorded as its own entry. */
    public void released(LegResult result) {
        if (result.released().isEmpty()) {
            throw new IllegalArgumentException("a withheld leg cannot be released");
        }
        recorder.released(result.record());
    }

    private static Set<String> dataClassesOf(Bundle bundle) {
        Set<String> classes = new TreeSet<>();
        bundle.getEntry().forEach(e -> {
            if (e.getResource() != null) {
                classes.add(e.getResource().fhirType());
            }
        });
        return classes;
    }


    /** One message to one recipient. */
    public record Leg(DecisionRequest request, Bundle message, int replayGeneration) {
    }

    /**
     * The decision, the bundle to release (empty when withheld), its JSON encoding (the payload to send,
     * whose SHA-256 is the record's payload digest) and what was recorded.
     */
    public record LegResult(Decision decision, Optional<Bundle> released, Optional<String> releasedJson,
                            DisclosureRecord record) {

        /**
         * The broker properties for the release: routing facts only (ids, event code, agency ids,
         * replay generation), the duplicate-detection id and the subject's order group, never personal data.
         */
        public java.util.Map<String, String> headers() {
            DecisionRequest r = record.request();
            int gen = record.replayGeneration();
            java.util.Map<String, String> headers = new java.util.HashMap<>(java.util.Map.of(
                    BrokerHeaders.MESSAGE_ID, r.messageId(),
                    BrokerHeaders.EVENT, r.event().code(),
                    BrokerHeaders.SOURCE_AGENCY, r.source().id(),
                    BrokerHeaders.RECIPIENT_AGENCY, r.recipient().id(),
                    BrokerHeaders.REPLAY_GENERATION, Integer.toString(gen),
                    // why: scoped by source (ADR 0036): another sender's message with the same id is not a duplicate
                    BrokerHeaders.DUPLICATE_ID, ScopedMessageIds.of(r.source().id(), r.messageId()) + ":"
                            + r.recipient().id() + ":" + gen));
            // why: one person's releases reach the recipient's consumers in the order decided (ADR 0100)
            r.subject().orderGroup().ifPresent(g -> headers.put(BrokerHeaders.ORDER_GROUP, g));
            return java.util.Map.copyOf(headers);
        }
    }
}
