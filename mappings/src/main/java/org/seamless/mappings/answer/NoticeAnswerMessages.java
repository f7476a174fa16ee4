package org.seamless.mappings.answer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.MessageHeader.ResponseType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.message.FhirUrls;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.mappings.message.ResourceIds;

/**
 * A notice answer as a FHIR response message ({@code notice-response}):
 * {@code MessageHeader.response.identifier} is the notice's {@code MessageHeader.id} and the code is
 * {@code ok} (accepted) or {@code fatal-error} (rejected, with an OperationOutcome whose one issue,
 * {@code business-rule}, carries the reason in {@code details.text}).
 *
 * <p>The edge builds it from the answer alone ({@link #response}); the hub then {@link #complete}s it
 * from the original notice with the subject (NHS number only) and the stay (Encounter identifier),
 * which the LA does not resend, so that the privacy chain identifies the subject and the ledger
 * records whom the disclosure is about.
 */
public final class NoticeAnswerMessages {
    private NoticeAnswerMessages() {
    }

    /**
     * The response message for an answer. Its id is derived from the answering agency and the
     * answer's content, so the same answer sent twice (a resent file, a retried call) is recognised
     * as a duplicate by the inbound gate, while a changed answer is a new message.
     */
    public static Bundle response(NoticeAnswer answer, String answeringAgencyId, String sourceEndpoint) {
        String id = responseId(answer, answeringAgencyId);
        MessageHeader header = new MessageHeader();
        header.setId(id);
        header.getMeta().addProfile(FhirUrls.UKCORE_MESSAGE_HEADER);
        SeamlessEvent event = SeamlessEvent.NOTICE_RESPONSE;
        header.setEvent(new Coding(SeamlessEvent.SYSTEM, event.code(), event.display()));
        header.getSource().setEndpoint(sourceEndpoint);
        header.getResponse().setIdentifier(answer.noticeMessageId())
                .setCode(answer.outcome() == NoticeAnswer.Outcome.ACCEPTED ? ResponseType.OK : ResponseType.FATALERROR);
        // why no timestamp: the same answer sent again must be the same message, or the gate would refuse it as
        // "same id, different content"; the hub stamps the completed response
        Bundle bundle = new Bundle().setType(Bundle.BundleType.MESSAGE);
        bundle.addEntry().setFullUrl(ResourceIds.urn(id)).setResource(header);
        if (answer.outcome() == NoticeAnswer.Outcome.REJECTED) {
            String outcomeId = ResourceIds.derived(id, "OperationOutcome");
            OperationOutcome outcome = new OperationOutcome();
            outcome.setId(outcomeId);
            outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
                    .setCode(OperationOutcome.IssueType.BUSINESSRULE)
                    .getDetails().setText(answer.reason().orElseThrow());
            header.getResponse().setDetails(new Reference(ResourceIds.urn(outcomeId)));
            bundle.addEntry().setFullUrl(ResourceIds.urn(outcomeId)).setResource(outcome);
        }
        return bundle;
    }

    private static org.hl7.fhir.r4.model.InstantType instant(Instant at) {
        var type = new org.hl7.fhir.r4.model.InstantType(java.util.Date.from(at),
                ca.uhn.fhir.model.api.TemporalPrecisionEnum.MILLI, java.util.TimeZone.getTimeZone("UTC"));
        type.setTimeZoneZulu(true);
        return type;
    }

    static String responseId(NoticeAnswer answer, String answeringAgencyId) {
        String key = "notice-answer|" + answeringAgencyId + "|" + answer.noticeMessageId() + "|"
                + answer.outcome().code() + "|" + answer.reason().orElse("");
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The answer a {@code notice-response} message carries; throws {@link NoticeAnswerException} if it carries none. */
    public static NoticeAnswer answerOf(Bundle response) {
        MessageHeader header = MessageBundles.header(response).orElseThrow(() -> new NoticeAnswerException(
                "not-a-response", "MessageHeader", "the message has no MessageHeader"));
        if (MessageBundles.event(header).orElse(null) != SeamlessEvent.NOTICE_RESPONSE || !header.hasResponse()) {
            throw new NoticeAnswerException("not-a-response", "MessageHeader.response",
                    "a notice-response message needs MessageHeader.response");
        }
        ResponseType code = header.getResponse().getCode();
        String outcome = code == ResponseType.OK ? "accepted" : code == ResponseType.FATALERROR ? "rejected" : "";
        if (outcome.isEmpty()) {
            throw new NoticeAnswerException("bad-outcome", "MessageHeader.response.code",
                    "a notice response's code must be ok or fatal-error");
        }
        String reason = MessageBundles.resolve(response, header.getResponse().getDetails())
                .filter(OperationOutcome.class::isInstance).map(OperationOutcome.class::cast)
                .flatMap(oo -> oo.getIssue().stream().map(i -> i.getDetails().getText()).filter(t -> t != null)
                        .findFirst()).orElse(null);
        return NoticeAnswer.of(header.getResponse().getIdentifier(), outcome, reason);
    }

    /**
     * The response completed from the original notice: the notice's Patient reduced to its NHS
     * number identifier (or withheld reason), its Encounter reduced to identifier and subject,
     * both as the header's focus, the notice's source endpoint as destination, and {@code at} as timestamp.
     */
    public static Bundle complete(Bundle response, Bundle original, Instant at) {
        Bundle out = response.copy();
        out.setTimestampElement(instant(at));
        MessageHeader header = MessageBundles.header(out).orElseThrow();
        String responseId = MessageBundles.idOf(header);
        Optional<Patient> patient = MessageBundles.patient(original);
        if (patient.isPresent()) {
            Patient p = new Patient();
            String pid = ResourceIds.derived(responseId, "Patient");
            p.setId(pid);
            p.getMeta().addProfile(FhirUrls.UKCORE_PATIENT);
            patient.get().getIdentifier().stream().filter(i -> NhsNumber.SYSTEM.equals(i.getSystem()))
                    .forEach(i -> p.addIdentifier(i.copy()));
            patient.get().getExtension().stream().filter(e -> e.getUrl() != null && e.getUrl().contains("withheld"))
                    .forEach(e -> p.addExtension(e.copy()));
            out.addEntry().setFullUrl(ResourceIds.urn(pid)).setResource(p);
            header.addFocus(new Reference(ResourceIds.urn(pid)));
            MessageBundles.encounters(original).stream().findFirst().ifPresent(enc -> {
                Encounter e = new Encounter();
                String eid = ResourceIds.derived(responseId, "Encounter");
                e.setId(eid);
                enc.getIdentifier().forEach(i -> e.addIdentifier(i.copy()));
                e.setStatus(enc.getStatus());
                e.setClass_(enc.getClass_().copy());
                e.setSubject(new Reference(ResourceIds.urn(pid)));
                out.addEntry().setFullUrl(ResourceIds.urn(eid)).setResource(e);
                header.addFocus(new Reference(ResourceIds.urn(eid)));
            });
        }
        MessageBundles.header(original).map(h -> h.getSource().getEndpoint()).filter(s -> s != null && !s.isBlank())
                .ifPresent(endpoint -> header.addDestination().setEndpoint(endpoint));
        return out;
    }
}
