package org.seamless.adapters.lasoap;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.PhaseInterceptorChain;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.seamless.adapters.lasoap.itk.DistributionEnvelopeType;
import org.seamless.adapters.lasoap.itk.FaultResponse;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.spi.AgencyAuthenticator;
import org.seamless.adapters.spi.InboundGate;
import org.seamless.adapters.spi.RejectedInputStore;
import org.seamless.mappings.itk.ItkTrackingIds;
import org.seamless.mappings.itk.SafeXml;

/**
 * What the ITK services Seamless serves to local authorities share: who is calling (an la-soap
 * agency, else HTTP 401), the raw envelope to keep, and a refusal that is kept in quarantine and
 * answered with an ITK fault naming the reference.
 */
final class ItkInbound {
    private ItkInbound() {
    }

    /** The la-soap agency of the current CXF call; a 401 fault for anyone else. */
    static AgencyConfig authenticatedLa(AgencyAuthenticator authenticator) {
        Message message = PhaseInterceptorChain.getCurrentMessage();
        HttpServletRequest request = message == null ? null
                : (HttpServletRequest) message.get(AbstractHTTPDestination.HTTP_REQUEST);
        Optional<AgencyConfig> la = Optional.ofNullable(request)
                .flatMap(authenticator::authenticate)
                .filter(a -> LaSoapAdapterType.NAME.equals(a.adapter().type()));
        if (la.isEmpty()) {
            Fault fault = new Fault(new SecurityException("Authentication required (a local authority's client "
                    + "certificate, token or X-API-Key)"));
            fault.setStatusCode(401);
            throw fault;
        }
        return la.get();
    }

    /** The envelope as received, for the quarantine (empty if it cannot even be serialised). */
    static byte[] raw(DistributionEnvelopeType envelope) {
        try {
            return SafeXml.write(ItkJaxb.toDocument(envelope), false, false).getBytes(StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            return new byte[0];
        }
    }

    /** Keeps the input and returns the fault to throw: text {@code <reason code>: <text> (kept as <ref>)}. */
    static FaultResponse refuse(RejectedInputStore rejected, AgencyConfig la, String edge, String itkCode,
                                String reasonCode, String text, String messageId, byte[] raw) {
        String ref = rejected.keep(new RejectedInputStore.Rejection(la.id(), edge, reasonCode, text, messageId,
                "text/xml", raw));
        return ItkFaults.fault(itkCode, ItkTrackingIds.nameBased("refused|" + ref),
                reasonCode + ": " + text + " (kept as " + ref + ")");
    }

    /** The fault for a message the gate refused (the gate has already kept it). */
    static FaultResponse refusedByGate(InboundGate.Rejected no, String itkCode, String errorId) {
        String text = no.issues().stream().map(i -> i.diagnostics()).reduce((a, b) -> a + "; " + b).orElse(no.code());
        return ItkFaults.fault(itkCode, errorId, no.code() + ": " + text + " (kept as " + no.reference() + ")");
    }

    /**
     * The gate's answer, or HTTP 503 (a SOAP fault) when the broker cannot store the message now: nothing was
     * accepted, and the sender's own retry of the same tracking id is safe (the broker's duplicate id).
     */
    static InboundGate.Admission admit(InboundGate gate, InboundGate.Submission submission) {
        try {
            return gate.admit(submission);
        } catch (InboundGate.Unavailable e) {
            throw unavailable(e);
        }
    }

    /** The HTTP 503 SOAP fault for a message that could not be taken now (broker or PDS): nothing was accepted. */
    static Fault unavailable(InboundGate.Unavailable e) {
        Fault fault = new Fault(new IllegalStateException("Seamless could not store the message just now; "
                + "nothing was accepted. Send it again after " + e.retryAfterSeconds() + " seconds"));
        fault.setStatusCode(503);
        return fault;
    }
}
