package org.seamless.adapters.lasoap;

import jakarta.jws.WebService;
import jakarta.xml.ws.Holder;
import org.hl7.fhir.r4.model.Bundle;
import org.seamless.adapters.lasoap.itk.DistributionEnvelopeType;
import org.seamless.adapters.lasoap.itk.FaultResponse;
import org.seamless.adapters.lasoap.itk.ITKServiceSendRecv1;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.spi.AgencyAuthenticator;
import org.seamless.adapters.spi.InboundGate;
import org.seamless.adapters.spi.RejectedInputStore;
import org.seamless.mappings.answer.NoticeAnswer;
import org.seamless.mappings.answer.NoticeAnswerException;
import org.seamless.mappings.answer.NoticeAnswerMessages;
import org.seamless.mappings.answer.NoticeAnswerXml;
import org.seamless.mappings.itk.ItkAddresses;
import org.seamless.mappings.itk.ItkEnvelope;
import org.seamless.mappings.itk.ItkEnvelopeException;
import org.seamless.mappings.itk.ItkEnvelopeReader;
import org.seamless.mappings.itk.ItkEnvelopeXml;
import org.seamless.mappings.itk.ItkSimpleResponses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local authorities' answer-back edge: the ITK 2 request-response port of the vendored WSDL,
 * served by Seamless. An LA's case system calls {@code sendRecvMessage} with an envelope for
 * service {@value NoticeAnswerXml#SERVICE} carrying a {@code NoticeResponse} payload, and the
 * {@code X-API-Key} HTTP header of its agency (an la-soap agency). The answer becomes a FHIR
 * {@code notice-response} message handed to the inbound gate; the call returns only once the
 * broker holds it. Every refusal is an ITK fault with a specific code, and its input is kept.
 */
@WebService(endpointInterface = "org.seamless.adapters.lasoap.itk.ITKServiceSendRecv1",
        targetNamespace = "urn:nhs-itk:ns:201005", serviceName = "ITKService", portName = "ServReqRes11Port",
        wsdlLocation = "classpath:itk/wsdl/ITKService.wsdl")
public class ItkAnswerService implements ITKServiceSendRecv1 {
    static final String EDGE = "la-soap-answers";
    /** ITK error codes of this endpoint's faults (documented in docs/flows/hospital-notices.md). */
    public static final String UNREADABLE = "1000";
    public static final String MALFORMED_ANSWER = "2100";
    public static final String UNKNOWN_MESSAGE = "2200";
    public static final String NOT_A_RECIPIENT = "2300";
    public static final String REFUSED = "2400";
    private static final Logger log = LoggerFactory.getLogger(ItkAnswerService.class);

    private final AgencyAuthenticator authenticator;
    private final InboundGate gate;
    private final RejectedInputStore rejected;

    public ItkAnswerService(AgencyAuthenticator authenticator, InboundGate gate, RejectedInputStore rejected) {
        this.authenticator = authenticator;
        this.gate = gate;
        this.rejected = rejected;
    }

    @Override
    public void sendRecvMessage(Holder<DistributionEnvelopeType> itkMessage) throws FaultResponse {
        AgencyConfig la = ItkInbound.authenticatedLa(authenticator);
        byte[] raw = ItkInbound.raw(itkMessage.value);
        ItkEnvelope envelope;
        NoticeAnswer answer;
        try {
            envelope = ItkEnvelopeReader.read(ItkJaxb.toDocument(itkMessage.value));
        } catch (ItkEnvelopeException e) {
            throw refuse(la, UNREADABLE, "unreadable-envelope", "the distribution envelope cannot be read: "
                    + e.getMessage(), null, raw);
        }
        if (envelope.service() != null && envelope.service().startsWith(D2A_SERVICE_PREFIX)) {
            d2aAnswer(la, envelope, raw, itkMessage);
            return;
        }
        try {
            answer = NoticeAnswerXml.read(envelope);
        } catch (NoticeAnswerException e) {
            throw refuse(la, MALFORMED_ANSWER, e.code(), e.getMessage() + " (" + e.field() + ")", null, raw);
        }
        Bundle response = NoticeAnswerMessages.response(answer, la.id(), ItkAddresses.agency(la.odsCode(), la.id()));
        InboundGate.Admission admission = ItkInbound.admit(gate,
                new InboundGate.Submission(la, EDGE, response, raw, "text/xml"));
        if (admission instanceof InboundGate.Rejected no) {
            throw ItkInbound.refusedByGate(no, errorCode(no.code()), envelope.trackingId());
        }
        log.info("answer {} from agency {} accepted", envelope.trackingId(), la.id());
        itkMessage.value = ItkJaxb.fromDocument(ItkEnvelopeXml.toDocument(ItkSimpleResponses.ok(envelope, "answer-ok")));
    }

    /** Services of the discharge to assess answers, e.g. {@code urn:seamless:itk:services:d2a-care-arranged-v1}. */
    static final String D2A_SERVICE_PREFIX = org.seamless.mappings.itk.NoticeEnvelopes.SERVICE_PREFIX + "d2a-";

    /**
     * A discharge to assess answer (ADR 0060): the envelope's one payload is the canonical FHIR message
     * (as the trust events travel to the council), handed to the gate as sent.
     */
    private void d2aAnswer(AgencyConfig la, ItkEnvelope envelope, byte[] raw, Holder<DistributionEnvelopeType> itkMessage)
            throws FaultResponse {
        Bundle message;
        try {
            message = org.seamless.mappings.itk.NoticeEnvelopes.message(envelope);
            var event = org.seamless.mappings.d2a.D2aFields.event(message)
                    .filter(org.seamless.mappings.d2a.D2aCodes.FROM_COUNCIL::contains)
                    .orElseThrow(() -> new IllegalArgumentException("the payload is not a discharge to assess answer"));
            if (!envelope.service().equals(org.seamless.mappings.itk.NoticeEnvelopes.service(event))) {
                throw new IllegalArgumentException("the envelope's service does not match the payload's event");
            }
            org.seamless.mappings.d2a.D2aFields.answer(message);
        } catch (RuntimeException e) {
            throw refuse(la, MALFORMED_ANSWER, "malformed-answer", e.getMessage(), null, raw);
        }
        InboundGate.Admission admission = gate.admit(new InboundGate.Submission(la, EDGE, message, raw, "text/xml"));
        if (admission instanceof InboundGate.Rejected no) {
            throw ItkInbound.refusedByGate(no, errorCode(no.code()), envelope.trackingId());
        }
        log.info("answer {} from agency {} accepted", envelope.trackingId(), la.id());
        itkMessage.value = ItkJaxb.fromDocument(ItkEnvelopeXml.toDocument(ItkSimpleResponses.ok(envelope, "answer-ok")));
    }

    private FaultResponse refuse(AgencyConfig la, String itkCode, String reasonCode, String text, String messageId,
                                 byte[] raw) {
        return ItkInbound.refuse(rejected, la, EDGE, itkCode, reasonCode, text, messageId, raw);
    }

    private static String errorCode(String reasonCode) {
        return switch (reasonCode) {
            case "unknown-message" -> UNKNOWN_MESSAGE;
            case "not-a-recipient", "ambiguous-message-id", "not-a-local-authority" -> NOT_A_RECIPIENT;
            case "duplicate-id-different-content" -> REFUSED;
            default -> MALFORMED_ANSWER;
        };
    }
}
