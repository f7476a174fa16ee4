package org.seamless.mappings.answer;

import java.util.List;
import java.util.Map;
import org.seamless.mappings.itk.ItkAddresses;
import org.seamless.mappings.itk.ItkEnvelope;
import org.seamless.mappings.itk.ItkEnvelopeException;
import org.seamless.mappings.itk.ItkTrackingIds;
import org.seamless.mappings.itk.SafeXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The ITK form of a notice answer: a distribution envelope for service {@value #SERVICE} whose one
 * {@code text/xml} payload is
 * <pre>{@code
 * <NoticeResponse xmlns="urn:seamless:itk:notice-response:1">
 *   <messageId>...</messageId> <outcome>accepted|rejected</outcome> <reason>...</reason>
 * </NoticeResponse>}</pre>
 * ({@code reason} required for a rejection). See docs/flows/hospital-notices.md.
 */
public final class NoticeAnswerXml {
    public static final String SERVICE = "urn:seamless:itk:services:notice-response-v1";
    public static final String NAMESPACE = "urn:seamless:itk:notice-response:1";
    public static final String ROOT = "NoticeResponse";
    public static final String MIME_TYPE = "text/xml";

    private NoticeAnswerXml() {
    }

    /** The answer in an envelope; throws {@link NoticeAnswerException} naming what is wrong. */
    public static NoticeAnswer read(ItkEnvelope envelope) {
        if (!SERVICE.equals(envelope.service())) {
            throw new NoticeAnswerException("wrong-service", "service", "the envelope's service must be " + SERVICE);
        }
        ItkEnvelope.Payload payload = envelope.payload(MIME_TYPE).orElseThrow(() -> new NoticeAnswerException(
                "missing-payload", "payload", "the envelope has no " + MIME_TYPE + " payload"));
        return read(payload.content());
    }

    /** The answer in a {@code NoticeResponse} element serialised as text. */
    public static NoticeAnswer read(String xml) {
        Document doc;
        try {
            doc = SafeXml.parse(xml);
        } catch (ItkEnvelopeException e) {
            throw new NoticeAnswerException("bad-payload", "payload", "the payload is " + e.getMessage());
        }
        Element root = doc.getDocumentElement();
        if (!ROOT.equals(root.getLocalName()) || !NAMESPACE.equals(root.getNamespaceURI())) {
            throw new NoticeAnswerException("bad-payload", "payload",
                    "the payload must be a " + ROOT + " element in namespace " + NAMESPACE);
        }
        return NoticeAnswer.of(child(root, "messageId"), child(root, "outcome"), child(root, "reason"));
    }

    private static String child(Element root, String name) {
        String found = null;
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                if (!NAMESPACE.equals(e.getNamespaceURI())
                        || !List.of("messageId", "outcome", "reason").contains(e.getLocalName())) {
                    throw new NoticeAnswerException("bad-payload", "payload",
                            "unknown element in " + ROOT + " (allowed: messageId, outcome, reason)");
                }
                if (e.getLocalName().equals(name)) {
                    if (found != null) {
                        throw new NoticeAnswerException("bad-payload", name, "element " + name + " is repeated");
                    }
                    found = e.getTextContent();
                }
            }
        }
        return found;
    }

    /** The payload text for an answer. */
    public static String write(NoticeAnswer answer) {
        Document doc = SafeXml.newDocument();
        Element root = doc.createElementNS(NAMESPACE, ROOT);
        doc.appendChild(root);
        append(doc, root, "messageId", answer.noticeMessageId());
        append(doc, root, "outcome", answer.outcome().code());
        answer.reason().ifPresent(r -> append(doc, root, "reason", r));
        return SafeXml.write(doc.getDocumentElement(), false, false);
    }

    /**
     * The envelope an LA sends: a tracking id derived from the answer (so a resend is recognised),
     * the LA as sender, Seamless as recipient.
     */
    public static ItkEnvelope envelope(NoticeAnswer answer, String senderAddress) {
        String key = answer.noticeMessageId() + "|" + answer.outcome().code() + "|" + answer.reason().orElse("");
        return new ItkEnvelope(ItkTrackingIds.nameBased("notice-answer|" + senderAddress + "|" + key), SERVICE,
                senderAddress, List.of(ItkAddresses.AGENCY_ADDRESS_PREFIX + "seamless-hub"), null,
                Map.of(ItkAddresses.HANDLING_ACK_REQUESTED, "false"),
                List.of(new ItkEnvelope.Payload("uuid_" + ItkTrackingIds.nameBased("notice-answer-payload|" + key),
                        MIME_TYPE, null, write(answer))));
    }

    private static void append(Document doc, Element parent, String name, String text) {
        Element e = doc.createElementNS(NAMESPACE, name);
        e.setTextContent(text);
        parent.appendChild(e);
    }
}
