package org.seamless.adapters.lasoap;

import jakarta.xml.ws.Holder;
import jakarta.xml.ws.WebServiceException;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.hl7.fhir.r4.model.Bundle;
import org.seamless.adapters.lasoap.itk.DistributionEnvelopeType;
import org.seamless.adapters.lasoap.itk.FaultResponse;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.spi.DeliveryJournal;
import org.seamless.mappings.canonical.BrokerHeaders;
import org.seamless.mappings.itk.ItkAddresses;
import org.seamless.mappings.itk.ItkEnvelope;
import org.seamless.mappings.itk.ItkEnvelopeXml;
import org.seamless.mappings.itk.NoticeEnvelopes;
import org.seamless.mappings.message.MessageBundles;

/**
 * One ITK transmission: canonical message to envelope, a {@code sendRecvMessage} call, and the
 * outcome: accepted (recorded as delivered), an ITK business fault (recorded as refused and
 * consumed, as repeating it would be refused again), or anything else (thrown, to be retried).
 */
public final class ItkDelivery {
    private final AgencyConfig agency;
    private final String recipientAddress;
    private final ItkPort port;
    private final DeliveryJournal journal;

    public ItkDelivery(AgencyConfig agency, ItkPort port, DeliveryJournal journal) {
        this.agency = agency;
        this.recipientAddress = ItkAddresses.agency(agency.odsCode(), agency.id());
        this.port = port;
        this.journal = journal;
    }

    /** Processes one consumed message; throws {@link ItkTransportException} when the broker should retry. */
    public void deliver(Exchange exchange) throws InvalidPayloadException {
        Message in = exchange.getMessage();
        Bundle message = MessageBundles.parse(in.getMandatoryBody(String.class));
        String messageId = in.getHeader(BrokerHeaders.MESSAGE_ID, String.class);
        if (messageId == null) {
            messageId = MessageBundles.messageId(message).orElseThrow();
        }
        int generation = in.getHeader(BrokerHeaders.REPLAY_GENERATION, 0, Integer.class);
        String source = in.getHeader(BrokerHeaders.SOURCE_AGENCY, String.class);
        ItkEnvelope envelope = NoticeEnvelopes.envelope(message, recipientAddress, source, generation);
        Holder<DistributionEnvelopeType> holder =
                new Holder<>(ItkJaxb.fromDocument(ItkEnvelopeXml.toDocument(envelope)));
        try {
            port.get().sendRecvMessage(holder);
        } catch (FaultResponse fault) {
            journal.refused(agency.id(), source, messageId, generation, ItkFaults.refusalReason(fault.getFaultInfo()));
            return;
        } catch (WebServiceException e) {
            // why no Retry-After: CXF raises an HTTP error answer without its headers; the circuit's own wait applies
            throw ItkFaults.transport(agency.id(), e, null);
        }
        journal.delivered(agency.id(), source, messageId, generation,
                "accepted by the LA's ITK endpoint, tracking id " + envelope.trackingId());
    }
}
