package org.seamless.adapters.nhshl7v2;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import io.micrometer.core.instrument.Metrics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.security.auth.x500.X500Principal;
import org.hl7.fhir.r4.model.Bundle;
import org.seamless.adapters.pds.Demographics;
import org.seamless.adapters.pds.EdgeTracer;
import org.seamless.adapters.pds.PdsTracing;
import org.seamless.adapters.pds.PdsUnavailableException;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.spi.InboundGate;
import org.seamless.adapters.spi.RejectedInputStore;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.mappings.message.MessageIssue;
import org.seamless.mappings.message.NoticeMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives one ADT message from a listener's connection and answers its acknowledgement: identifies the
 * sending trust (MSH-4 among the agencies on this port, and with TLS the client certificate's subject),
 * checks version and event, parses it (HAPI, v2.3 to v2.5.1 into the 2.5.1 model), maps it to the notice
 * it raises under the trust's rules, and hands that notice to the gate. {@code AA} only after the gate has
 * it durably (or had it before: a repeat of MSH-10); a message that raises no notice is counted by reason
 * and answered {@code AA}; bad input is kept in quarantine and answered {@code AE}/{@code AR}.
 * Logs carry reason codes and agency ids only.
 */
final class AdtReceiver {
    static final String EDGE = "nhs-hl7v2";
    static final String CONTENT_TYPE = "application/hl7-v2";
    static final String METRIC = "seamless.hl7v2.messages";
    private static final Logger log = LoggerFactory.getLogger(AdtReceiver.class);

    /** One trust on this listener, with its rules. */
    record Sender(AgencyConfig agency, String sendingFacility, Optional<X500Principal> clientSubject,
                  NoticeRules rules, PdsTracing pds) {
        /** A sender whose messages are not traced in PDS. */
        Sender(AgencyConfig agency, String sendingFacility, Optional<X500Principal> clientSubject, NoticeRules rules) {
            this(agency, sendingFacility, clientSubject, rules, null);
        }
    }

    /** What the receiver answered, for the route and for tests. */
    record Answer(byte[] ack, String ackCode, String outcome, String reason) {
    }

    private final List<Sender> senders = new CopyOnWriteArrayList<>();
    private final boolean tls;
    private final InboundGate gate;
    private final RejectedInputStore rejected;
    private final Clock clock;
    private final Hl7Acks acks;
    private final ThreadLocal<PipeParser> parsers;

    AdtReceiver(boolean tls, InboundGate gate, RejectedInputStore rejected, Clock clock) {
        this.tls = tls;
        this.gate = gate;
        this.rejected = rejected;
        this.clock = clock;
        this.acks = new Hl7Acks(clock);
        HapiContext hapi = new DefaultHapiContext();
        hapi.setModelClassFactory(new CanonicalModelClassFactory("2.5.1"));
        hapi.setValidationContext(ValidationContextFactory.noValidation());
        this.parsers = ThreadLocal.withInitial(hapi::getPipeParser);
    }

    void add(Sender sender) {
        senders.add(sender);
    }

    List<Sender> senders() {
        return List.copyOf(senders);
    }

    boolean tls() {
        return tls;
    }

    /** Answers one message; {@code clientSubject} is the TLS client certificate's subject (null without TLS). */
    Answer receive(byte[] raw, String clientSubject) {
        MshHeader msh = MshHeader.of(raw);
        Optional<Sender> sender = identify(msh, clientSubject);
        if (sender.isEmpty()) {
            // why: nothing is kept from a sender that is not identified, as HTTP edges keep nothing before authentication
            log.warn("HL7 v2 message refused on the {} listener: sender not identified (unknown-sender)",
                    tls ? "TLS" : "TCP");
            count("unidentified", "rejected", "unknown-sender");
            return new Answer(acks.problem(msh, Hl7Problem.reject("MSH", 4, Hl7Problem.UNKNOWN_KEY, "unknown-sender",
                    "sending facility not registered for this connection"), null), "AR", "rejected", "unknown-sender");
        }
        Sender s = sender.get();
        try {
            return accept(s, raw, msh);
        } catch (Hl7Problem p) {
            String id = msh.controlId().isEmpty() ? null : AdtNotices.messageId(s.agency().id(), msh.controlId());
            String ref = rejected.keep(new RejectedInputStore.Rejection(s.agency().id(), EDGE, p.reasonCode(),
                    p.location() + ": " + p.getMessage(), id, CONTENT_TYPE, raw));
            count(s.agency().id(), "rejected", p.reasonCode());
            return new Answer(acks.problem(msh, p, ref), p.ackCode(), "rejected", p.reasonCode());
        } catch (InboundGate.Unavailable e) {
            // why: nothing was accepted and nothing is kept; the sender sends the same message again (same MSH-10)
            log.warn("HL7 v2 message from agency {} not accepted now: {}", s.agency().id(), e.getMessage());
            count(s.agency().id(), "unavailable", "broker-unavailable");
            Hl7Problem p = Hl7Problem.reject("MSH", 0, Hl7Problem.APPLICATION_ERROR, "unavailable",
                    "Seamless could not store the message now; nothing was accepted; send it again after "
                            + e.retryAfterSeconds() + " seconds");
            return new Answer(acks.problem(msh, p, null), "AR", "unavailable", "broker-unavailable");
        } catch (RuntimeException e) {
            log.error("HL7 v2 message from agency {} failed: {}", s.agency().id(), e.getClass().getSimpleName());
            Hl7Problem p = Hl7Problem.reject("MSH", 0, Hl7Problem.APPLICATION_ERROR, "internal-error",
                    "application internal error; nothing was accepted");
            String ref = rejected.keep(new RejectedInputStore.Rejection(s.agency().id(), EDGE, "internal-error",
                    e.getClass().getSimpleName(), null, CONTENT_TYPE, raw));
            count(s.agency().id(), "rejected", "internal-error");
            return new Answer(acks.problem(msh, p, ref), "AR", "rejected", "internal-error");
        }
    }

    private Answer accept(Sender s, byte[] raw, MshHeader msh) throws Hl7Problem {
        if (msh == MshHeader.NONE) {
            throw Hl7Problem.reject("MSH", 0, Hl7Problem.SEGMENT_SEQUENCE_ERROR, "no-msh",
                    "message does not start with an MSH segment");
        }
        if (msh.controlId().isEmpty()) {
            throw Hl7Problem.reject("MSH", 10, Hl7Problem.REQUIRED_FIELD_MISSING, "missing-control-id",
                    "MSH-10 message control id required");
        }
        if (!Hl7v2Versions.SUPPORTED.contains(msh.version())) {
            throw Hl7Problem.error("MSH", 12, Hl7Problem.UNSUPPORTED_VERSION, "unsupported-version",
                    "MSH-12 version must be 2.3, 2.3.1, 2.4, 2.5 or 2.5.1");
        }
        if (!"ADT".equals(msh.messageType())) {
            throw Hl7Problem.error("MSH", 9, Hl7Problem.UNSUPPORTED_MESSAGE_TYPE, "unsupported-message-type",
                    "MSH-9 message type must be ADT");
        }
        if (!msh.trigger().matches("A(0[1-9]|[1-5]\\d|6[0-2])")) {
            throw Hl7Problem.error("MSH", 9, Hl7Problem.UNSUPPORTED_EVENT_CODE, "unknown-event",
                    "MSH-9 trigger event is not an ADT event (A01 to A62)");
        }
        Message message;
        try {
            message = parsers.get().parse(new String(raw, StandardCharsets.UTF_8));
        } catch (HL7Exception e) {
            var at = e.getLocation();
            String segment = at == null || at.getSegmentName() == null ? "MSH" : at.getSegmentName();
            int field = at == null ? 0 : Math.max(at.getField(), 0);
            throw Hl7Problem.reject(segment, field, Hl7Problem.SEGMENT_SEQUENCE_ERROR,
                    "unparseable", "message structure could not be parsed");
        }
        LocalDate today = LocalDate.now(clock.withZone(Hl7Dates.ENGLAND));
        AdtNotices.Outcome outcome = AdtNotices.map(message, msh, s.agency(), s.rules(), today,
                s.pds() == null ? null : (given, demographics) -> traced(s, msh, raw, given, demographics));
        if (outcome instanceof AdtNotices.Dropped dropped) {
            count(s.agency().id(), "dropped", msh.trigger() + ":" + dropped.reason().code());
            return new Answer(acks.accept(msh), "AA", "dropped", dropped.reason().code());
        }
        Bundle bundle = NoticeMessages.build(((AdtNotices.Notice) outcome).details());
        String json = MessageBundles.toJson(bundle);
        InboundGate.Admission admission = gate.admit(new InboundGate.Submission(s.agency(), EDGE, bundle, raw,
                CONTENT_TYPE, json));
        if (admission instanceof InboundGate.Rejected no) {
            // the gate kept the input already (with its reference)
            count(s.agency().id(), "rejected", no.code());
            Hl7Problem p = fromGate(no);
            return new Answer(acks.problem(msh, p, no.reference()), p.ackCode(), "rejected", no.code());
        }
        boolean duplicate = ((InboundGate.Accepted) admission).duplicate();
        count(s.agency().id(), duplicate ? "duplicate" : "notice", msh.trigger());
        return new Answer(acks.accept(msh), "AA", duplicate ? "duplicate" : "notice", msh.trigger());
    }

    /**
     * The NHS number PDS settles (ADR 0079): the number given, verified (superseded: PDS's replacement, recorded), or
     * the unique exact match of a search. None, several, or a number PDS does not hold: held in the work queue and
     * answered AE with ERR naming PID-3 and the reason, never AA. PDS not answering: nothing kept, answered AR.
     */
    private NhsNumber traced(Sender s, MshHeader msh, byte[] raw, NhsNumber given, Demographics d) throws Hl7Problem {
        EdgeTracer.Result t;
        try {
            t = EdgeTracer.trace(s.pds(), s.agency().id(), EDGE, AdtNotices.messageId(s.agency().id(), msh.controlId()),
                    raw, given, d);
        } catch (PdsUnavailableException e) {
            throw new InboundGate.Unavailable("PDS cannot answer now", 30, e);
        }
        return switch (t.outcome()) {
            case NO_MATCH -> throw Hl7Problem.error("PID", 3, Hl7Problem.REQUIRED_FIELD_MISSING, "pds-no-match",
                    "held (pds-no-match): PID-3 has no NHS number and PDS found no exact match by PID-5, PID-7,"
                            + " PID-8 and PID-11; kept in the work queue; send the message again with the NHS number");
            case MULTIPLE_MATCHES -> throw Hl7Problem.error("PID", 3, Hl7Problem.REQUIRED_FIELD_MISSING,
                    "pds-multiple-matches", "held (pds-multiple-matches): PID-3 has no NHS number and PDS found"
                            + " several matches; kept in the work queue; send the message again with the NHS number");
            case NOT_FOUND -> throw Hl7Problem.error("PID", 3, Hl7Problem.UNKNOWN_KEY, "pds-number-not-found",
                    "held (pds-number-not-found): PID-3 NHS number is not held by PDS (unknown or invalidated);"
                            + " kept in the work queue");
            default -> t.nhsNumber();
        };
    }

    /** The gate names FHIR paths; the sender is told the HL7 field they came from. */
    static Hl7Problem fromGate(InboundGate.Rejected no) {
        if ("duplicate-id-different-content".equals(no.code())) {
            return Hl7Problem.error("MSH", 10, Hl7Problem.DUPLICATE_KEY, no.code(),
                    "MSH-10 control id already accepted with different content; use a new control id");
        }
        String where = no.issues().stream().map(MessageIssue::location).filter(java.util.Objects::nonNull)
                .findFirst().orElse("");
        String text = no.issues().stream().map(MessageIssue::diagnostics).findFirst().orElse(no.code());
        String[] field = where.contains("birthDate") ? new String[] {"PID", "7"}
                : where.contains("deceased") ? new String[] {"PID", "29"}
                : where.contains("identifier") ? new String[] {"PID", "3"}
                : where.contains("period.end") || where.contains("planned") ? new String[] {"PV1", "45"}
                : where.contains("Encounter") ? new String[] {"PV1", "44"}
                : new String[] {"PID", "0"};
        return Hl7Problem.error(field[0], Integer.parseInt(field[1]), Hl7Problem.DATA_TYPE_ERROR, no.code(), text);
    }

    private Optional<Sender> identify(MshHeader msh, String clientSubject) {
        List<Sender> candidates = senders();
        if (tls) {
            if (clientSubject == null || clientSubject.isBlank()) {
                return Optional.empty();
            }
            X500Principal subject;
            try {
                subject = new X500Principal(clientSubject);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            candidates = candidates.stream().filter(c -> c.clientSubject().map(subject::equals).orElse(false)).toList();
        }
        if (!msh.sendingFacility().isBlank()) {
            String facility = msh.sendingFacility().strip().toUpperCase(Locale.ROOT);
            return candidates.stream().filter(c -> c.sendingFacility().equalsIgnoreCase(facility)).findFirst();
        }
        return candidates.size() == 1 ? Optional.of(candidates.get(0)) : Optional.empty();
    }

    private static void count(String agency, String outcome, String reason) {
        Metrics.counter(METRIC, "agency", agency, "outcome", outcome, "reason", reason).increment();
    }
}
