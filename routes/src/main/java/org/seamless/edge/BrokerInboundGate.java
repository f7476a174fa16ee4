package org.seamless.edge;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.spi.InboundGate;
import org.seamless.adapters.spi.RejectedInputStore;
import org.seamless.app.broker.BrokerConnections;
import org.seamless.hub.consent.ConsentValidation;
import org.seamless.mappings.canonical.BrokerHeaders;
import org.seamless.mappings.canonical.FieldProblemException;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.mappings.message.MessageIssue;
import org.seamless.mappings.message.Plausibility;
import org.seamless.privacy.identify.SubjectIdentifier;
import org.springframework.stereotype.Component;

/**
 * The gate every inbound edge uses: identifies the subject (NHS number by Modulus 11, or an
 * explicit withheld reason), applies the plausibility rules ({@link Plausibility}: one problem code per
 * rule, naming the field, never the value), maps a consent-update's Consents exactly as the hub will, refuses
 * a reused message id with different content, and publishes
 * to the source agency's inbound address as that agency's own broker user, with the broker's
 * duplicate-detection id and the subject's order group (ADR 0100), in a broker transaction committed before the
 * sender is answered
 * ({@link AdmissionPublisher}).
 */
@Component
public class BrokerInboundGate implements InboundGate {
    private final BrokerConnections connections;
    private final RejectedInputStore rejected;
    private final InboundReceipts receipts;
    private final Clock clock;
    private final SubjectIdentifier identifier = new SubjectIdentifier();
    private final Map<String, AdmissionPublisher> publishers = new ConcurrentHashMap<>();
    private final ConsentValidation consents;
    private final org.seamless.hub.answers.AnswerValidation answers;
    private final org.seamless.ops.metrics.SeamlessMetrics metrics;

    public BrokerInboundGate(BrokerConnections connections, RejectedInputStore rejected, InboundReceipts receipts,
                             Clock clock, ConsentValidation consents, org.seamless.hub.answers.AnswerValidation answers,
                             org.seamless.ops.metrics.SeamlessMetrics metrics) {
        this.metrics = metrics;
        this.answers = answers;
        this.consents = consents;
        this.connections = connections;
        this.rejected = rejected;
        this.receipts = receipts;
        this.clock = clock;
    }

    @Override
    public List<MessageIssue> check(Submission s) {
        return checked(s).problem().map(Problem::issues).orElse(List.of());
    }

    /** The first check that fails, with its reason code; else the subject's order group the checks found. */
    private Checked checked(Submission s) {
        try {
            if (MessageBundles.event(s.message()).orElseThrow() == SeamlessEvent.RECALL) {
                // why: a recall is the hub's own message to a recipient (ADR 0069); no agency may send one through it
                return Checked.refused(new Problem("recall-hub-only", List.of(MessageIssue.error(IssueType.NOTSUPPORTED,
                        "Bundle.entry[0].resource.eventCoding", "recall messages are made by the hub only"))));
            }
            if (MessageBundles.event(s.message()).orElseThrow() == SeamlessEvent.NOTICE_RESPONSE) {
                // why: an answer carries no subject of its own; the hub completes it from the notice it answers
                answers.validate(s.message(), s.source());
                return Checked.passed(Optional.empty());
            }
            var subject = identifier.identify(s.message());
            String messageId = MessageBundles.messageId(s.message()).orElse("");
            if (org.seamless.privacy.transform.pseudonymise.Pseudonymiser.idHoldsSubjectFacts(s.message(), subject,
                    messageId)) {
                // why: a message id travels in file names, broker headers, logs and the ledger
                return Checked.refused(new Problem("message-id-personal-data", List.of(MessageIssue.error(
                        IssueType.INVALID, "Bundle.entry[0].resource.id", "The message id holds the patient's "
                                + "NHS number, telephone, address or birth date; use an id that says nothing about the "
                                + "person, such as a UUID"))));
            }
            // why: one place for the plausibility rules, so every edge refuses the same values the same way
            Plausibility.check(s.message(), LocalDate.now(clock.withZone(Plausibility.ZONE)));
            if (MessageBundles.event(s.message()).orElseThrow() == SeamlessEvent.CONSENT_UPDATE) {
                consents.validate(s.message(), s.source().id());
            }
            Optional<Problem> d2a = d2aProblem(s);
            if (d2a.isPresent()) {
                return Checked.refused(d2a.get());
            }
            // why: the hubs take one person's messages in the order sent (ADR 0100)
            return Checked.passed(subject.orderGroup());
        } catch (org.seamless.hub.answers.AnswerProblem e) {
            return Checked.refused(new Problem(e.code(), List.of(MessageIssue.error(
                    "not-a-recipient".equals(e.code()) ? IssueType.FORBIDDEN
                            : "unknown-message".equals(e.code()) ? IssueType.NOTFOUND : IssueType.INVALID,
                    e.field(), e.getMessage()))));
        } catch (FieldProblemException e) { // no identifiable subject, an implausible value, or an unmappable consent
            if (ConsentValidation.notAuthorised(e.code())) { // ADR 0032: the sender may not record this at all
                return Checked.refused(new Problem(e.code(), List.of(MessageIssue.error(IssueType.FORBIDDEN, e.field(),
                        "https://seamless.dev/problems/consent-not-authorised (" + e.code() + "): " + e.getMessage()))));
            }
            return Checked.refused(new Problem(e.code(), List.of(MessageIssue.error(IssueType.INVALID, e.field(),
                    e.getMessage()))));
        }
    }

    /** A discharge to assess message must carry what its event needs (ADR 0060); the message names the element. */
    private static Optional<Problem> d2aProblem(Submission s) {
        SeamlessEvent event = MessageBundles.event(s.message()).orElseThrow();
        if (!org.seamless.mappings.d2a.D2aCodes.isD2a(event)) {
            return Optional.empty();
        }
        try {
            if (org.seamless.mappings.d2a.D2aCodes.FROM_HOSPITAL.contains(event)) {
                org.seamless.mappings.d2a.D2aFields.stay(s.message());
            } else {
                org.seamless.mappings.d2a.D2aFields.answer(s.message());
            }
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(new Problem("invalid-d2a-message", List.of(MessageIssue.error(IssueType.REQUIRED,
                    "Bundle", e.getMessage() == null ? "discharge to assess message is incomplete" : e.getMessage()))));
        }
    }

    private record Problem(String code, List<MessageIssue> issues) {
    }

    /** What the checks found: a problem, or the order group to publish with (none for an answer). */
    private record Checked(Optional<Problem> problem, Optional<String> orderGroup) {
        static Checked refused(Problem problem) {
            return new Checked(Optional.of(problem), Optional.empty());
        }

        static Checked passed(Optional<String> orderGroup) {
            return new Checked(Optional.empty(), orderGroup);
        }
    }

    @Override
    public Admission admit(Submission s) {
        AgencyConfig source = s.source();
        String messageId = MessageBundles.messageId(s.message()).orElseThrow();
        SeamlessEvent event = MessageBundles.event(s.message()).orElseThrow();
        Checked checked = checked(s);
        Optional<Problem> problem = checked.problem();
        if (problem.isPresent()) {
            // why: an id that holds personal data is not kept beside the (encrypted) payload in plain
            String keptId = "message-id-personal-data".equals(problem.get().code()) ? null : messageId;
            return reject(s, keptId, problem.get().code(), problem.get().issues());
        }
        String json = s.json(); // why: an import that built the message has encoded it already (ADR 0066)
        String digest = org.seamless.mappings.canonical.Digests.sha256Hex(json);
        Optional<String> earlier = receipts.digestOf(source.id(), messageId);
        if (earlier.isPresent()) {
            if (earlier.get().equals(digest)) {
                return new Accepted(messageId, true);
            }
            return reject(s, messageId, "duplicate-id-different-content", List.of(MessageIssue.error(
                    IssueType.DUPLICATE, "Bundle.entry[0].resource.id",
                    "This message id was already accepted from you with different content; use a new id")));
        }
        Optional<String> group = checked.orderGroup();
        publisher(source).publish(source.addresses().inbound(), session -> {
            var m = session.createTextMessage(json);
            if (group.isPresent()) {
                m.setStringProperty(BrokerHeaders.ORDER_GROUP, group.get());
            }
            m.setStringProperty(BrokerHeaders.MESSAGE_ID, messageId);
            m.setStringProperty(BrokerHeaders.EVENT, event.code());
            m.setStringProperty(BrokerHeaders.SOURCE_AGENCY, source.id());
            m.setStringProperty(BrokerHeaders.DUPLICATE_ID, source.id() + ":" + messageId);
            return m;
        });
        receipts.record(source.id(), messageId, digest, event.code(), clock.instant());
        metrics.received(source.id(), event.code());
        return new Accepted(messageId, false);
    }

    private Rejected reject(Submission s, String messageId, String code, List<MessageIssue> issues) {
        String reason = issues.stream().map(MessageIssue::diagnostics).reduce((a, b) -> a + "; " + b).orElse(code);
        String ref = rejected.keep(new RejectedInputStore.Rejection(s.source().id(), s.edge(), code, reason, messageId,
                s.contentType(), s.raw()));
        return new Rejected(issues, ref, code);
    }

    private AdmissionPublisher publisher(AgencyConfig agency) {
        return publishers.computeIfAbsent(agency.id(),
                id -> new AdmissionPublisher(connections.connectionFactory(agency.brokerUser())));
    }

}
