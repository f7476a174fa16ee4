package org.seamless.edge.vcs;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.registry.AgencyRegistry;
import java.time.LocalDate;
import org.seamless.adapters.pds.Demographics;
import org.seamless.adapters.pds.EdgeTracer;
import org.seamless.adapters.pds.PdsTracing;
import org.seamless.adapters.pds.PdsUnavailableException;
import org.seamless.adapters.spi.InboundGate;
import org.seamless.adapters.vcswebhook.VcsWebhookAdapterType;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.canonical.NhsNumberVerification;
import org.springframework.beans.factory.ObjectProvider;
import org.seamless.adapters.vcswebhook.api.IdempotencyKeys;
import org.seamless.adapters.vcswebhook.api.VcsApiException;
import org.seamless.adapters.vcswebhook.api.VcsApiServlet;
import org.seamless.adapters.vcswebhook.api.VcsHub.Accepted;
import org.seamless.adapters.vcswebhook.api.VcsProblemType;
import org.seamless.mappings.canonical.AgencyKind;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.mappings.message.MessageIssue;
import org.seamless.mappings.message.Plausibility;
import org.seamless.mappings.vcs.OutcomeMessages;
import org.seamless.mappings.vcs.OutcomeSubmission;
import org.seamless.mappings.vcs.ReferralChecks;
import org.seamless.mappings.vcs.ReferralMessages;
import org.seamless.mappings.vcs.ReferralSubmission;
import org.seamless.mappings.vcs.VcsInputException;
import org.seamless.mappings.vcs.VcsJson;
import org.seamless.ops.replay.InboundMessages;
import org.springframework.stereotype.Component;

/**
 * Turns the JSON API's referrals and outcomes into canonical messages (by the mappings module) and
 * hands them to the inbound gate as the calling organisation. An outcome is built from the referral
 * as the hub received it, so it names the person even when the organisation was sent a pseudonymised
 * notice, and it is addressed to the referring agency only; the privacy chain decides what goes back.
 */
@Component
class VcsReferralService {
    private final AgencyRegistry registry;
    private final InboundGate gate;
    private final VcsStore store;
    private final InboundMessages inbound;
    private final Clock clock;
    private final org.seamless.edge.InboundReceipts receipts;
    private final ObjectProvider<PdsTracing> pds;

    VcsReferralService(AgencyRegistry registry, InboundGate gate, VcsStore store, InboundMessages inbound,
                       Clock clock, org.seamless.edge.InboundReceipts receipts, ObjectProvider<PdsTracing> pds) {
        this.receipts = receipts;
        this.pds = pds;
        this.registry = registry;
        this.gate = gate;
        this.store = store;
        this.inbound = inbound;
        this.clock = clock;
    }

    Accepted submitReferral(AgencyConfig caller, byte[] body, String contentType, Optional<String> key) {
        ReferralSubmission r;
        NhsNumber given;
        boolean trace = VcsWebhookAdapterType.pdsTrace(caller);
        try {
            r = VcsJson.referral(body);
            given = ReferralChecks.check(r, trace);
        } catch (VcsInputException e) {
            throw VcsApiException.of(e);
        }
        AgencyConfig to = registry.find(r.to()).filter(a -> a.kind() == AgencyKind.VOLUNTARY_ORG)
                .orElseThrow(() -> new VcsApiException(VcsProblemType.UNKNOWN_RECIPIENT, "to",
                        "field 'to' must be the agency id of a voluntary organisation registered in Seamless", null));
        if (to.id().equals(caller.id())) {
            throw new VcsApiException(VcsProblemType.UNKNOWN_RECIPIENT, "to", "an organisation cannot refer to itself",
                    null);
        }
        String id = key.map(k -> IdempotencyKeys.messageId(caller.id(), "referral", k))
                .orElseGet(() -> UUID.randomUUID().toString());
        Optional<Accepted> earlier = earlier(caller, id);
        if (earlier.isPresent()) {
            store.record(id, caller.id(), "sent", to.id(), "sent"); // why: the first attempt may have died before it
            return earlier.get();
        }
        Bundle message;
        if (trace) {
            NhsNumber settled = traced(caller, id, body, given, r.person());
            message = ReferralMessages.referral(r, party(caller), id, clock.instant(), settled);
            NhsNumberVerification.markVerified(message);
        } else {
            message = ReferralMessages.referral(r, party(caller), id, clock.instant());
        }
        Accepted a = admit(caller, message, body, contentType);
        store.record(id, caller.id(), "sent", to.id(), "sent");
        return a;
    }

    Accepted submitOutcome(AgencyConfig caller, String referralId, byte[] body, String contentType,
                           Optional<String> key) {
        OutcomeSubmission o;
        try {
            o = VcsJson.outcome(body);
            ReferralChecks.check(o);
        } catch (VcsInputException e) {
            throw VcsApiException.of(e);
        }
        VcsStore.Referral own = store.referral(caller.id(), referralId).filter(r -> r.role().equals("received"))
                .orElseThrow(() -> new VcsApiException(VcsProblemType.NOT_FOUND,
                        "no referral your organisation received has this id"));
        InboundMessages.Kept original = inbound.find(own.referralId()).stream().findFirst()
                .orElseThrow(() -> new VcsApiException(VcsProblemType.CONFLICT,
                        "the referral is no longer held by the hub; an outcome cannot be routed back"));
        String id = key.map(k -> IdempotencyKeys.messageId(caller.id(), "outcome:" + referralId, k))
                .orElseGet(() -> UUID.randomUUID().toString());
        Optional<Accepted> earlier = earlier(caller, id);
        if (earlier.isPresent()) {
            store.outcome(referralId, caller.id(), o.status(), id);
            return earlier.get();
        }
        Bundle message = OutcomeMessages.outcome(o, MessageBundles.parse(original.canonicalJson()), referralId,
                party(caller), original.sourceAgency(), id, clock.instant());
        Accepted a = admit(caller, message, body, contentType);
        store.outcome(referralId, caller.id(), o.status(), id);
        return a;
    }

    /**
     * The person's number as PDS settles it (ADR 0079): the number given, verified (superseded: PDS's replacement,
     * recorded), or without one the unique exact match of a search by name, birth date, gender and postcode. No
     * match, several, or a number PDS does not hold: held in the work queue and refused (422, its own problem type);
     * the organisation sends the referral again with a number or corrected details. Never a guess.
     */
    private NhsNumber traced(AgencyConfig caller, String id, byte[] body, NhsNumber given,
                             ReferralSubmission.Person p) {
        PdsTracing tracing = pds.getIfAvailable();
        if (tracing == null) {
            // why: the adapter's start refuses pds-trace without PDS; a registry reload may still get here
            throw new InboundGate.Unavailable("PDS tracing is not configured", 60, null);
        }
        Demographics d = given != null ? null : new Demographics(p.familyName(), p.givenName(),
                LocalDate.parse(p.birthDate()), p.gender(), p.address() == null ? null : p.address().postcode());
        EdgeTracer.Result t;
        try {
            t = EdgeTracer.trace(tracing, caller.id(), VcsApiServlet.NAME, id, body, given, d);
        } catch (PdsUnavailableException e) {
            throw new InboundGate.Unavailable("PDS cannot answer now", 30, e);
        }
        return switch (t.outcome()) {
            case NO_MATCH -> throw new VcsApiException(VcsProblemType.PDS_NO_MATCH, "person",
                    "PDS found no one matching the person exactly; the referral is held (work queue, reason no-match)."
                            + " Send it again with the NHS number, or with corrected details", null);
            case MULTIPLE_MATCHES -> throw new VcsApiException(VcsProblemType.PDS_MULTIPLE_MATCHES, "person",
                    "PDS found several people matching the person; the referral is held (work queue, reason"
                            + " multiple-matches). Send it again with the NHS number", null);
            case NOT_FOUND -> throw new VcsApiException(VcsProblemType.PDS_NUMBER_NOT_FOUND, "person.nhsNumber",
                    "PDS does not hold this NHS number (unknown or invalidated); the referral is held (work queue,"
                            + " reason number-not-in-pds)", null);
            default -> t.nhsNumber();
        };
    }

    /**
     * A request whose idempotency key was accepted before gets the first request's answer: the message
     * the first request made is the one that counts (its content digest is not compared, because the
     * message carries the time it was made).
     */
    private Optional<Accepted> earlier(AgencyConfig caller, String id) {
        return receipts.digestOf(caller.id(), id).map(d -> new Accepted(id, true));
    }

    private Accepted admit(AgencyConfig caller, Bundle message, byte[] raw, String contentType) {
        InboundGate.Admission a = gate.admit(new InboundGate.Submission(caller, VcsApiServlet.NAME,
                MessageBundles.parse(MessageBundles.toJson(message)),
                raw == null ? MessageBundles.toJson(message).getBytes(StandardCharsets.UTF_8) : raw, contentType));
        if (a instanceof InboundGate.Rejected no) {
            Optional<VcsProblemType> implausible = VcsProblemType.ofPlausibilityCode(no.code());
            if (implausible.isPresent()) {
                // why: the gate names FHIR fields; this API's clients know the JSON field they sent
                String field = no.issues().stream().map(MessageIssue::location).filter(java.util.Objects::nonNull)
                        .findFirst().map(VcsReferralService::jsonField).orElse(null);
                String says = Plausibility.Rule.ofCode(no.code()).orElseThrow().says();
                throw new VcsApiException(implausible.get(), field,
                        (field == null ? "a field " : "field '" + field + "' ") + says, no.reference());
            }
            throw new VcsApiException(VcsProblemType.CONFLICT, null, no.issues().stream()
                    .map(MessageIssue::diagnostics).reduce((x, y) -> x + "; " + y).orElse("refused"), no.reference());
        }
        InboundGate.Accepted ok = (InboundGate.Accepted) a;
        return new Accepted(ok.messageId(), ok.duplicate());
    }

    /** The JSON field of this API that a gate's FHIR field was made from. */
    static String jsonField(String fhirField) {
        return switch (fhirField) {
            case Plausibility.BIRTH_DATE -> "person.birthDate";
            default -> fhirField;
        };
    }

    private static ReferralMessages.Party party(AgencyConfig a) {
        return new ReferralMessages.Party(a.id(), a.odsCode(), a.name());
    }
}
