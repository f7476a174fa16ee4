package org.seamless.mappings.message;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.MessageHeader.ResponseType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Type;
import org.hl7.fhir.r4.model.UriType;
import org.seamless.mappings.canonical.SeamlessEvent;

/**
 * Builds FHIR response messages: {@code ok}, or {@code fatal-error} with an OperationOutcome
 * carrying every issue; {@code MessageHeader.response.identifier} is the original message id.
 *
 * <p>Event: a response to a Care Act notice is a {@code notice-response} (ok = accepted,
 * fatal-error = rejected); any other response repeats the original's event, as FHIR messaging does.
 * A message without {@code MessageHeader.id} cannot be answered with a response message: answer
 * it with the bare {@link OperationOutcomes#from OperationOutcome} at the transport instead.
 */
public final class ResponseMessages {
    private ResponseMessages() {
    }

    /** Who answers and when. {@code responseId} is a UUID and becomes the response's own message id. */
    public record Responder(String responseId, String sourceEndpoint, Instant sentAt) {
    }

    /** Acknowledges (for a notice: accepts) the original message. */
    public static Bundle ok(Bundle original, Responder responder) {
        return respond(original, responder, ResponseType.OK, null);
    }

    /** Rejects the original message with every issue in one OperationOutcome ({@code response.details}). */
    public static Bundle fatalError(Bundle original, Responder responder, List<MessageIssue> issues) {
        return respond(original, responder, ResponseType.FATALERROR, OperationOutcomes.from(issues));
    }

    /** A response of any code; {@code outcome} may be null. */
    public static Bundle respond(Bundle original, Responder responder, ResponseType code, OperationOutcome outcome) {
        MessageHeader originalHeader = MessageBundles.header(original)
                .orElseThrow(() -> new IllegalArgumentException("original has no MessageHeader; cannot build a response"));
        String originalId = Optional.ofNullable(MessageBundles.idOf(originalHeader))
                .orElseThrow(() -> new IllegalArgumentException("original has no MessageHeader.id; cannot build a response"));

        MessageHeader header = new MessageHeader();
        header.setId(responder.responseId());
        header.getMeta().addProfile(FhirUrls.UKCORE_MESSAGE_HEADER);
        header.setEvent(responseEvent(originalHeader));
        header.getSource().setEndpoint(responder.sourceEndpoint());
        if (originalHeader.getSource().hasEndpoint()) {
            header.addDestination().setEndpoint(originalHeader.getSource().getEndpoint());
        }
        header.getResponse().setIdentifier(originalId).setCode(code);

        Bundle bundle = new Bundle().setType(Bundle.BundleType.MESSAGE).setTimestampElement(NoticeMessages.instant(responder.sentAt()));
        bundle.addEntry().setFullUrl(ResourceIds.urn(responder.responseId())).setResource(header);
        if (outcome != null) {
            String outcomeId = ResourceIds.derived(responder.responseId(), "OperationOutcome");
            outcome.setId(outcomeId);
            header.getResponse().setDetails(new Reference(ResourceIds.urn(outcomeId)));
            bundle.addEntry().setFullUrl(ResourceIds.urn(outcomeId)).setResource(outcome);
        }
        return bundle;
    }

    private static Type responseEvent(MessageHeader original) {
        Optional<SeamlessEvent> event = MessageBundles.event(original);
        if (event.isPresent() && NoticeDetails.NOTICE_EVENTS.contains(event.get())) {
            SeamlessEvent r = SeamlessEvent.NOTICE_RESPONSE;
            return new Coding(SeamlessEvent.SYSTEM, r.code(), r.display());
        }
        if (original.hasEvent()) {
            return original.getEvent().copy();
        }
        // no event to repeat (the reason the message is rejected): the event CodeSystem itself as the event uri
        return new UriType(SeamlessEvent.SYSTEM);
    }
}
