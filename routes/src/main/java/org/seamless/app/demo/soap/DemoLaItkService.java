package org.seamless.app.demo.soap;

import jakarta.jws.WebService;
import jakarta.xml.ws.Holder;
import org.apache.cxf.interceptor.Fault;
import org.seamless.adapters.lasoap.ItkJaxb;
import org.seamless.adapters.lasoap.itk.DistributionEnvelopeType;
import org.seamless.adapters.lasoap.itk.FaultResponse;
import org.seamless.adapters.lasoap.itk.ITKServiceSendRecv1;
import org.seamless.mappings.itk.ItkEnvelope;
import org.seamless.mappings.itk.ItkEnvelopeException;
import org.seamless.mappings.itk.ItkEnvelopeReader;
import org.seamless.mappings.itk.ItkEnvelopeXml;
import org.seamless.mappings.itk.ItkSimpleResponses;
import org.seamless.adapters.lasoap.ItkFaults;
import org.seamless.mappings.itk.ItkTrackingIds;
import org.seamless.mappings.itk.NoticeEnvelopes;

/**
 * The demo LA's ITK 2 web service (SOAP 1.1 request-response port of the vendored WSDL): reads
 * the envelope and its FHIR payload, hands it to {@link DemoLaCaseSystem}, and answers with a
 * {@code SimpleMessageResponse}, an ITK business fault, or HTTP 503, as switched.
 */
@WebService(endpointInterface = "org.seamless.adapters.lasoap.itk.ITKServiceSendRecv1",
        targetNamespace = "urn:nhs-itk:ns:201005", serviceName = "ITKService", portName = "ServReqRes11Port",
        wsdlLocation = "classpath:itk/wsdl/ITKService.wsdl")
public class DemoLaItkService implements ITKServiceSendRecv1 {
    /** ITK error code the demo answers a refusal with. */
    public static final String REFUSED_CODE = "2500";
    /** ITK error code for an envelope that cannot be read. */
    public static final String UNREADABLE_CODE = "1000";

    private final DemoLaCaseSystem caseSystem;

    public DemoLaItkService(DemoLaCaseSystem caseSystem) {
        this.caseSystem = caseSystem;
    }

    @Override
    public void sendRecvMessage(Holder<DistributionEnvelopeType> itkMessage) throws FaultResponse {
        ItkEnvelope envelope;
        try {
            envelope = ItkEnvelopeReader.read(ItkJaxb.toDocument(itkMessage.value));
            NoticeEnvelopes.message(envelope); // why: a case system refuses a payload it cannot read
        } catch (ItkEnvelopeException e) {
            throw ItkFaults.fault(UNREADABLE_CODE, java.util.UUID.randomUUID().toString().toUpperCase(java.util.Locale.ROOT), e.getMessage());
        }
        switch (caseSystem.receive(envelope.trackingId(), envelope)) {
            case UNAVAILABLE -> throw unavailable();
            case REFUSED -> throw ItkFaults.fault(REFUSED_CODE, ItkTrackingIds.nameBased("refused|" + envelope.trackingId()),
                    "Notice refused by the demo case system (switched)");
            case ACCEPTED, DUPLICATE -> itkMessage.value = ItkJaxb.fromDocument(ItkEnvelopeXml.toDocument(ItkSimpleResponses.ok(envelope, "response")));
        }
    }

    /** The synchronous answer: a simple "OK" from the LA back to the sender. */


    /** HTTP 503, as a case system behind a load balancer answers while it is down. */
    private static Fault unavailable() {
        Fault fault = new Fault(new IllegalStateException("demo case system unavailable (switched)"));
        fault.setStatusCode(503);
        return fault;
    }
}
