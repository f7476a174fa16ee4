package org.seamless.demo.soap;

import jakarta.jws.WebService;
import jakarta.xml.ws.Holder;
import java.util.List;
import java.util.Map;
import org.apache.cxf.interceptor.Fault;
import org.seamless.adapters.lasoap.ItkJaxb;
import org.seamless.adapters.lasoap.itk.DistributionEnvelopeType;
import org.seamless.adapters.lasoap.itk.FaultResponse;
import org.seamless.adapters.lasoap.itk.ITKServiceSendRecv1;
import org.seamless.adapters.lasoap.itk.ToolkitErrorInfoStruct;
import org.seamless.mappings.itk.ItkEnvelope;
import org.seamless.mappings.itk.ItkEnvelopeException;
import org.seamless.mappings.itk.ItkEnvelopeReader;
import org.seamless.mappings.itk.ItkEnvelopeXml;
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
    private static final String ERROR_CODE_SYSTEM = "2.16.840.1.113883.2.1.3.2.4.17.268";
    private static final String OK = "<itk:SimpleMessageResponse xmlns:itk=\"urn:nhs-itk:ns:201005\">OK</itk:SimpleMessageResponse>";

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
            throw fault(UNREADABLE_CODE, java.util.UUID.randomUUID().toString().toUpperCase(java.util.Locale.ROOT), e.getMessage());
        }
        switch (caseSystem.receive(envelope.trackingId(), envelope)) {
            case UNAVAILABLE -> throw unavailable();
            case REFUSED -> throw fault(REFUSED_CODE, ItkTrackingIds.nameBased("refused|" + envelope.trackingId()),
                    "Notice refused by the demo case system (switched)");
            case ACCEPTED, DUPLICATE -> itkMessage.value = ItkJaxb.fromDocument(ItkEnvelopeXml.toDocument(response(envelope)));
        }
    }

    /** The synchronous answer: a simple "OK" from the LA back to the sender. */
    private static ItkEnvelope response(ItkEnvelope request) {
        return new ItkEnvelope(ItkTrackingIds.nameBased("response|" + request.trackingId()), request.service(),
                request.recipientAddresses().isEmpty() ? null : request.recipientAddresses().get(0),
                request.senderAddress() == null ? List.of() : List.of(request.senderAddress()), null, Map.of(),
                List.of(new ItkEnvelope.Payload("uuid_" + ItkTrackingIds.nameBased("response-payload|"
                        + request.trackingId()), "text/xml", null, OK)));
    }

    private static FaultResponse fault(String code, String errorId, String text) {
        ToolkitErrorInfoStruct info = new ToolkitErrorInfoStruct();
        info.setErrorID(errorId);
        ToolkitErrorInfoStruct.ErrorCode errorCode = new ToolkitErrorInfoStruct.ErrorCode();
        errorCode.setValue(code);
        errorCode.setCodeSystem(ERROR_CODE_SYSTEM);
        info.setErrorCode(errorCode);
        info.setErrorText(text);
        return new FaultResponse(text, info);
    }

    /** HTTP 503, as a case system behind a load balancer answers while it is down. */
    private static Fault unavailable() {
        Fault fault = new Fault(new IllegalStateException("demo case system unavailable (switched)"));
        fault.setStatusCode(503);
        return fault;
    }
}
