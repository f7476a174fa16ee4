package org.seamless.mappings.itk;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.ErrorHandlerAdapter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Resource;
import org.seamless.mappings.canonical.FhirContexts;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.message.FhirUrls;
import org.seamless.mappings.message.MessageBundles;

/**
 * Canonical message to ITK envelope and back. The payload is the FHIR message itself, as FHIR
 * XML ({@value #FHIR_XML}) embedded as an element (docs/adr/0004); the tracking id comes from
 * the message id and replay generation; the sender comes from the message's ODS coded source.
 */
public final class NoticeEnvelopes {
    public static final String FHIR_XML = "application/fhir+xml";
    public static final String FHIR_JSON = "application/fhir+json";
    /** Prefix of the ITK service Seamless uses per event; the event code and version follow. */
    public static final String SERVICE_PREFIX = "urn:seamless:itk:services:";
    public static final String INTERACTION_PREFIX = "urn:seamless:itk:interaction:";
    static final String VERSION_SUFFIX = "-v1";

    private NoticeEnvelopes() {
    }

    /** The ITK service for an event, e.g. {@code urn:seamless:itk:services:discharge-notice-v1}. */
    public static String service(SeamlessEvent event) {
        return SERVICE_PREFIX + event.code() + VERSION_SUFFIX;
    }

    /**
     * The envelope carrying one transmission of a canonical message from a source agency to one
     * recipient. The tracking and payload ids are derived from the source-scoped message key
     * ({@link org.seamless.mappings.canonical.ScopedMessageIds}), so two senders' messages that share
     * a message id are two transmissions to the receiving system.
     *
     * @param recipientAddress the recipient's ITK address ({@link ItkAddresses#agency})
     * @param sourceAgency     the agency that sent the message to Seamless
     */
    public static ItkEnvelope envelope(Bundle message, String recipientAddress, String sourceAgency,
                                       int replayGeneration) {
        return envelope(message, recipientAddress, replayGeneration, messageId ->
                org.seamless.mappings.canonical.ScopedMessageIds.of(sourceAgency, messageId));
    }

    /** Keyed by the message id alone: for the golden files and tests of this package. */
    static ItkEnvelope envelope(Bundle message, String recipientAddress, int replayGeneration) {
        return envelope(message, recipientAddress, replayGeneration, messageId -> messageId);
    }

    private static ItkEnvelope envelope(Bundle message, String recipientAddress, int replayGeneration,
                                        java.util.function.UnaryOperator<String> keyOf) {
        MessageHeader header = MessageBundles.header(message)
                .orElseThrow(() -> new ItkEnvelopeException("the message has no MessageHeader"));
        String messageId = Optional.ofNullable(MessageBundles.idOf(header))
                .orElseThrow(() -> new ItkEnvelopeException("the MessageHeader has no id"));
        SeamlessEvent event = MessageBundles.event(header)
                .orElseThrow(() -> new ItkEnvelopeException("the message has no Seamless event"));
        Optional<String> senderOds = senderOds(message, header);
        Map<String, String> handling = new LinkedHashMap<>();
        handling.put(ItkAddresses.HANDLING_INTERACTION, INTERACTION_PREFIX + event.code() + VERSION_SUFFIX);
        // why: sendRecv answers synchronously; no separate infrastructure acknowledgement is wanted
        handling.put(ItkAddresses.HANDLING_ACK_REQUESTED, "false");
        String xml = FhirContexts.r4().newXmlParser().setPrettyPrint(false).encodeResourceToString(withPlainIds(message));
        String key = keyOf.apply(messageId);
        ItkEnvelope.Payload payload = new ItkEnvelope.Payload("uuid_" + ItkTrackingIds.nameBased("payload|" + key),
                FHIR_XML, null, xml);
        return new ItkEnvelope(ItkTrackingIds.of(key, replayGeneration), service(event),
                senderOds.map(ods -> ItkAddresses.ODS_ADDRESS_PREFIX + ods).orElse(null), List.of(recipientAddress),
                senderOds.map(ItkAddresses::odsIdentity).orElse(null), handling, List.of(payload));
    }

    /** The canonical message in an envelope: its first FHIR payload (XML or JSON). */
    public static Bundle message(ItkEnvelope envelope) {
        try {
            Optional<ItkEnvelope.Payload> xml = envelope.payload(FHIR_XML);
            if (xml.isPresent()) {
                return FhirContexts.r4().newXmlParser().setParserErrorHandler(new ErrorHandlerAdapter())
                        .parseResource(Bundle.class, xml.get().content());
            }
            ItkEnvelope.Payload json = envelope.payload(FHIR_JSON)
                    .orElseThrow(() -> new ItkEnvelopeException("the envelope has no FHIR payload"));
            return MessageBundles.parse(json.content());
        } catch (DataFormatException e) {
            // why: HAPI's messages can quote content; keep only the fact
            throw new ItkEnvelopeException("the FHIR payload is not a readable Bundle");
        }
    }

    /**
     * A copy whose entry resources carry their bare logical ids: HAPI's parser replaces an entry
     * resource's id with its {@code urn:uuid:} fullUrl and its encoder then drops it, which would
     * leave a receiver without {@code MessageHeader.id}.
     */
    private static Bundle withPlainIds(Bundle message) {
        Bundle copy = message.copy();
        for (Bundle.BundleEntryComponent entry : copy.getEntry()) {
            Resource resource = entry.getResource();
            String id = resource == null ? null : MessageBundles.logicalId(resource);
            if (id != null) {
                resource.setId(id);
            }
        }
        return copy;
    }

    /** ODS code of the sender: {@code MessageHeader.source.endpoint}, else the sender Organization's ODS identifier. */
    private static Optional<String> senderOds(Bundle message, MessageHeader header) {
        String endpoint = header.getSource().getEndpoint();
        if (endpoint != null && endpoint.startsWith(FhirUrls.ODS_ENDPOINT_PREFIX)
                && endpoint.length() > FhirUrls.ODS_ENDPOINT_PREFIX.length()) {
            return Optional.of(endpoint.substring(FhirUrls.ODS_ENDPOINT_PREFIX.length()));
        }
        return MessageBundles.resolve(message, header.getSender())
                .filter(Organization.class::isInstance).map(Organization.class::cast)
                .flatMap(o -> o.getIdentifier().stream()
                        .filter(i -> FhirUrls.ODS_ORGANIZATION_CODE.equals(i.getSystem()) && i.hasValue())
                        .map(Identifier::getValue).findFirst());
    }
}
