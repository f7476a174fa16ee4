package org.seamless.adapters.lasoap;

import jakarta.jws.WebService;
import jakarta.xml.ws.Holder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import java.util.function.Supplier;
import org.hl7.fhir.r4.model.Bundle;
import org.seamless.adapters.lasoap.itk.DistributionEnvelopeType;
import org.seamless.adapters.lasoap.itk.FaultResponse;
import org.seamless.adapters.lasoap.itk.ITKServiceSendRecv1;
import org.seamless.adapters.pds.EdgeTracer;
import org.seamless.adapters.pds.PdsTracing;
import org.seamless.adapters.pds.PdsUnavailableException;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.spi.AgencyAuthenticator;
import org.seamless.adapters.spi.InboundGate;
import org.seamless.adapters.spi.RejectedInputStore;
import org.seamless.mappings.alert.AlertMessages;
import org.seamless.mappings.alert.AlertPayloadException;
import org.seamless.mappings.alert.SocialCareAlert;
import org.seamless.mappings.alert.SocialCareAlertXml;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.canonical.NhsNumberVerification;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.itk.ItkEnvelope;
import org.seamless.mappings.itk.ItkEnvelopeException;
import org.seamless.mappings.itk.ItkEnvelopeReader;
import org.seamless.mappings.itk.ItkEnvelopeXml;
import org.seamless.mappings.itk.ItkSimpleResponses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local authorities' alert edge: one social care alert per ITK 2 {@code sendRecvMessage} call
 * (service {@value SocialCareAlertXml#SERVICE}, payload {@code SocialCareAlert}), with the
 * {@code X-API-Key} (or certificate, token) of an la-soap agency, which alone says who owns the alert.
 * The alert becomes a canonical alert message handed to the inbound gate; the call returns only once
 * the broker holds it. The message id is derived from the agency, the alert id, the alert's content
 * and the day (ADR 0026), so a resent call is acknowledged as a duplicate and sent on once. An active
 * alert is an {@code alert-update} (a statement of its current state: the hub and the trusts create or
 * update by business identifier), an ended or deleted one an {@code alert-end}. Every refusal is an
 * ITK fault with a specific code, and its input is kept. With {@code pds-trace: true} on the agency the alert's
 * NHS number is verified in PDS first (ADR 0079): verified, sent marked so; superseded, sent under PDS's replacement
 * (recorded); not held by PDS, refused ({@code pds-number-not-found}, work queue); PDS not answering, HTTP 503.
 */
@WebService(endpointInterface = "org.seamless.adapters.lasoap.itk.ITKServiceSendRecv1",
        targetNamespace = "urn:nhs-itk:ns:201005", serviceName = "ITKService", portName = "ServReqRes11Port",
        wsdlLocation = "classpath:itk/wsdl/ITKService.wsdl")
public class ItkAlertService implements ITKServiceSendRecv1 {
    static final String EDGE = "la-soap-alerts";
    /** ITK error codes of this endpoint's faults (documented in docs/flows/social-care-alerts.md). */
    public static final String UNREADABLE = "1000";
    public static final String INVALID_ALERT = "2500";
    public static final String REFUSED = "2400";
    /** The day that dates an alert's status (as the CSV extracts' default). */
    static final ZoneId ZONE = ZoneId.of("Europe/London");
    private static final Logger log = LoggerFactory.getLogger(ItkAlertService.class);

    private final AgencyAuthenticator authenticator;
    private final InboundGate gate;
    private final RejectedInputStore rejected;
    private final Clock clock;
    /** PDS tracing of the runtime, or null when PDS is not configured (looked up per call). */
    private final Supplier<PdsTracing> pds;

    public ItkAlertService(AgencyAuthenticator authenticator, InboundGate gate, RejectedInputStore rejected,
                           Clock clock) {
        this(authenticator, gate, rejected, clock, () -> null);
    }

    public ItkAlertService(AgencyAuthenticator authenticator, InboundGate gate, RejectedInputStore rejected,
                           Clock clock, Supplier<PdsTracing> pds) {
        this.authenticator = authenticator;
        this.gate = gate;
        this.rejected = rejected;
        this.clock = clock;
        this.pds = pds;
    }

    @Override
    public void sendRecvMessage(Holder<DistributionEnvelopeType> itkMessage) throws FaultResponse {
        AgencyConfig la = ItkInbound.authenticatedLa(authenticator);
        byte[] raw = ItkInbound.raw(itkMessage.value);
        ItkEnvelope envelope;
        SocialCareAlert alert;
        try {
            envelope = ItkEnvelopeReader.read(ItkJaxb.toDocument(itkMessage.value));
        } catch (ItkEnvelopeException e) {
            throw ItkInbound.refuse(rejected, la, EDGE, UNREADABLE, "unreadable-envelope",
                    "the distribution envelope cannot be read: " + e.getMessage(), null, raw);
        }
        try {
            alert = SocialCareAlertXml.read(envelope, new SocialCareAlertXml.Owner(la.id(), la.odsCode(), la.name()));
        } catch (AlertPayloadException e) {
            throw ItkInbound.refuse(rejected, la, EDGE, INVALID_ALERT, e.code(), e.getMessage(), null, raw);
        }
        LocalDate today = LocalDate.now(clock.withZone(ZONE));
        String messageId = messageId(alert, today);
        boolean verify = LaSoapAdapterType.pdsTrace(la);
        if (verify) {
            alert = verified(la, alert, messageId, raw, envelope.trackingId());
        }
        Bundle message = AlertMessages.message(alert, event(alert, today), messageId, sentAt(today), today);
        if (verify) {
            NhsNumberVerification.markVerified(message);
        }
        InboundGate.Admission admission = ItkInbound.admit(gate,
                new InboundGate.Submission(la, EDGE, message, raw, "text/xml"));
        if (admission instanceof InboundGate.Rejected no) {
            throw ItkInbound.refusedByGate(no, REFUSED, envelope.trackingId());
        }
        log.info("alert message {} from agency {} accepted{}", messageId, la.id(),
                ((InboundGate.Accepted) admission).duplicate() ? " (duplicate)" : "");
        itkMessage.value = ItkJaxb.fromDocument(ItkEnvelopeXml.toDocument(ItkSimpleResponses.ok(envelope, "alert-ok")));
    }

    /**
     * The alert with the NHS number PDS settles (ADR 0079): the number given, verified, or PDS's replacement of a
     * superseded one (recorded in the trace store). A number PDS does not hold: held in the work queue, kept in
     * quarantine and refused with an ITK fault ({@value #REFUSED}, {@code pds-number-not-found}). PDS not answering:
     * nothing kept, the HTTP 503 fault of a broker outage (the sender's retry is safe). The message id stays the one
     * of the alert as sent, so a resend is still a duplicate.
     */
    private SocialCareAlert verified(AgencyConfig la, SocialCareAlert alert, String messageId, byte[] raw,
                                     String trackingId) throws FaultResponse {
        PdsTracing tracing = pds.get();
        EdgeTracer.Result t;
        try {
            if (tracing == null) {
                // why: the agency's start refuses pds-trace without PDS; a registry reload may still get here
                throw new InboundGate.Unavailable("PDS tracing is not configured", 60, null);
            }
            try {
                t = EdgeTracer.trace(tracing, la.id(), LaSoapAdapterType.NAME, messageId, raw, alert.nhsNumber(), null);
            } catch (PdsUnavailableException e) {
                throw new InboundGate.Unavailable("PDS cannot answer now", 30, e);
            }
        } catch (InboundGate.Unavailable e) {
            throw ItkInbound.unavailable(e);
        }
        if (t.held()) {
            throw ItkInbound.refuse(rejected, la, EDGE, REFUSED, "pds-number-not-found",
                    "nhsNumber is not held by PDS (unknown or invalidated); the alert is held in the work queue"
                            + " (reason " + t.reason() + ")", messageId, raw);
        }
        NhsNumber settled = t.nhsNumber();
        if (settled == null || settled.equals(alert.nhsNumber())) {
            return alert;
        }
        log.info("alert message {} from agency {}: NHS number superseded in PDS, sent under its replacement",
                messageId, la.id());
        return new SocialCareAlert(alert.laAgencyId(), alert.laOdsCode(), alert.laName(), alert.alertId(), settled,
                alert.type(), alert.start(), alert.end(), alert.review(), alert.deleted(), alert.teamName(),
                alert.teamPhone());
    }

    /** {@code alert-end} for an ended or deleted alert, otherwise {@code alert-update} (no state is kept here). */
    static SeamlessEvent event(SocialCareAlert alert, LocalDate today) {
        return AlertMessages.eventFor(alert, true, today);
    }

    /**
     * Same agency, alert id, content and day, same id. The day is part of it because the message is
     * (the Flag's status and a deletion's end date depend on it): a resend on a later day is a new message.
     */
    static String messageId(SocialCareAlert alert, LocalDate today) {
        String seed = "itk-alert|" + alert.laAgencyId() + "|" + alert.alertId() + "|"
                + SocialCareAlertXml.contentDigest(alert) + "|" + today;
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static Instant sentAt(LocalDate today) {
        return today.atStartOfDay(ZONE).toInstant();
    }
}
