package org.seamless.mappings.itk;

import java.util.Map;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Writes an {@link ItkEnvelope} as the ITK 2 {@code DistributionEnvelope} XML
 * ({@code distributionEnvelope-v2-0.xsd}); {@link ItkEnvelopeReader} reads it back.
 */
public final class ItkEnvelopeXml {
    static final String NS = ItkAddresses.NAMESPACE;

    private ItkEnvelopeXml() {
    }

    /** The envelope as indented XML with a declaration (the golden-file form). */
    public static String write(ItkEnvelope envelope) {
        return SafeXml.write(toDocument(envelope), true, true);
    }

    /** The envelope as a DOM document whose root is {@code itk:DistributionEnvelope}. */
    public static Document toDocument(ItkEnvelope envelope) {
        Document doc = SafeXml.newDocument();
        Element root = element(doc, "DistributionEnvelope");
        doc.appendChild(root);
        Element header = child(root, "header");
        header.setAttribute("service", envelope.service());
        header.setAttribute("trackingid", envelope.trackingId());
        if (!envelope.recipientAddresses().isEmpty()) {
            Element list = child(header, "addresslist");
            envelope.recipientAddresses().forEach(a -> child(list, "address").setAttribute("uri", a));
        }
        if (envelope.auditIdentity() != null) {
            child(child(header, "auditIdentity"), "id").setAttribute("uri", envelope.auditIdentity());
        }
        Element manifest = child(header, "manifest");
        manifest.setAttribute("count", Integer.toString(envelope.payloads().size()));
        for (ItkEnvelope.Payload p : envelope.payloads()) {
            Element item = child(manifest, "manifestitem");
            item.setAttribute("id", p.id());
            item.setAttribute("mimetype", p.mimeType());
            if (p.profileId() != null) {
                item.setAttribute("profileid", p.profileId());
            }
        }
        if (envelope.senderAddress() != null) {
            child(header, "senderAddress").setAttribute("uri", envelope.senderAddress());
        }
        if (!envelope.handling().isEmpty()) {
            Element handling = child(header, "handlingSpecification");
            for (Map.Entry<String, String> spec : envelope.handling().entrySet()) {
                Element e = child(handling, "spec");
                e.setAttribute("key", spec.getKey());
                e.setAttribute("value", spec.getValue());
            }
        }
        Element payloads = child(root, "payloads");
        payloads.setAttribute("count", Integer.toString(envelope.payloads().size()));
        for (ItkEnvelope.Payload p : envelope.payloads()) {
            Element payload = child(payloads, "payload");
            payload.setAttribute("id", p.id());
            payload.setIdAttribute("id", true);
            payload.appendChild(content(doc, p));
        }
        return doc;
    }

    /** XML content is imported as an element; anything else travels as text. */
    private static org.w3c.dom.Node content(Document doc, ItkEnvelope.Payload p) {
        String mime = p.mimeType().toLowerCase(java.util.Locale.ROOT);
        if (mime.endsWith("/xml") || mime.endsWith("+xml")) {
            return doc.importNode(SafeXml.parse(p.content()).getDocumentElement(), true);
        }
        return doc.createTextNode(p.content());
    }

    private static Element element(Document doc, String name) {
        return doc.createElementNS(NS, "itk:" + name);
    }

    private static Element child(Element parent, String name) {
        Element e = element(parent.getOwnerDocument(), name);
        parent.appendChild(e);
        return e;
    }
}
