package org.seamless.hub.consent;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.spi.InboundGate;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.consent.ConsentForms;
import org.seamless.mappings.consent.ConsentInputException;
import org.seamless.mappings.consent.ConsentMessages;
import org.seamless.mappings.consent.ConsentResources;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.mappings.message.MessageIssue;
import org.seamless.privacy.consent.ConsentMappingException;
import org.seamless.privacy.consent.ConsentRecord;
import org.seamless.privacy.consent.ConsentRegistry;
import org.springframework.stereotype.Component;

/**
 * Turns a consents API request into a consent-update message, validated exactly as the hub will map
 * it, and hands it to the inbound gate. Throws {@link ConsentApiException} for anything refused.
 */
@Component
public class ConsentSubmissions {
    static final String EDGE = "consent-api";
    private final ConsentValidation validation;
    private final ConsentRegistry registry;
    private final InboundGate gate;
    private final Clock clock;
    private final ConsentReceipts receipts;

    public ConsentSubmissions(ConsentValidation validation, ConsentRegistry registry, InboundGate gate, Clock clock,
                              ConsentReceipts receipts) {
        this.receipts = receipts;
        this.validation = validation;
        this.registry = registry;
        this.gate = gate;
        this.clock = clock;
    }

    /** An accepted request: the consent-update message id and the registry reference it records under. */
    public record Accepted(String messageId, String reference, boolean duplicate) {
    }

    /** A FHIR Consent ({@code application/fhir+json}) or the simple form ({@code application/json}). */
    public Accepted submit(AgencyConfig source, byte[] body, boolean fhir, String contentType) {
        if (body.length == 0) {
            throw new ConsentApiException(ConsentProblemType.MALFORMED_JSON, "malformed-json", "the body is empty");
        }
        Consent consent;
        try {
            consent = fhir ? ConsentMessages.withStableReference(ConsentResources.parseStrict(body), source.id())
                    : ConsentMessages.toConsent(ConsentForms.toSpec(ConsentFormReader.read(body), source.id()));
        } catch (ConsentInputException e) {
            throw new ConsentApiException(ConsentProblemType.ofCode(e.code()), e.code(), e.getMessage());
        }
        return publish(source, consent, body, contentType);
    }

    /** Publishes the Consent (already built) as a consent-update message. */
    Accepted publish(AgencyConfig source, Consent consent, byte[] raw, String contentType) {
        try {
            NhsNumber subject = validation.subjectOf(consent, source.id());
            String messageId = UUID.randomUUID().toString();
            Bundle built = ConsentMessages.consentUpdate(consent, subject, messageId, source.id(), clock.instant());
            // why: validate what the hub will read, i.e. the message after its JSON round trip
            Bundle message = MessageBundles.parse(MessageBundles.toJson(built));
            List<ConsentRecord> records = validation.validate(message, source.id());
            checkOwnership(records.get(0), source);
            InboundGate.Admission a = gate.admit(new InboundGate.Submission(source, EDGE, message,
                    raw == null ? MessageBundles.toJson(message).getBytes(StandardCharsets.UTF_8) : raw, contentType));
            if (a instanceof InboundGate.Rejected no) {
                throw new ConsentApiException(ConsentProblemType.CONFLICT, "gate-rejected",
                        no.issues().stream().map(MessageIssue::diagnostics).reduce((x, y) -> x + "; " + y).orElse(""),
                        no.reference());
            }
            InboundGate.Accepted ok = (InboundGate.Accepted) a;
            receipts.pending(ok.messageId(), source.id());
            return new Accepted(ok.messageId(), records.get(0).reference(), ok.duplicate());
        } catch (ConsentMappingException e) {
            throw new ConsentApiException(ConsentProblemType.ofCode(e.code()), e.code(), e.getMessage());
        }
    }

    /** A reference already used by another agency, or for another person, cannot be taken over. */
    private void checkOwnership(ConsentRecord first, AgencyConfig source) {
        for (ConsentRecord earlier : registry.byReference(first.reference())) {
            if (!earlier.nhsNumber().equals(first.nhsNumber()) || !isOwn(earlier, source)) {
                throw new ConsentApiException(ConsentProblemType.CONFLICT, "reference-taken",
                        "this consent reference is already recorded for a different person or by another agency;"
                                + " use a new reference");
            }
        }
    }

    static boolean isOwn(ConsentRecord r, AgencyConfig source) {
        return r.source().equals(source.id());
    }
}
