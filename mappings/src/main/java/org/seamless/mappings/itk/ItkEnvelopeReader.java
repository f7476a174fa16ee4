package org.seamless.mappings.itk;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reads an ITK 2 {@code DistributionEnvelope} (text parsed XXE-safe, or a DOM already parsed by a
 * SOAP stack) and checks what the schema requires: an upper-case UUID tracking id, a service,
 * and manifest items that match the payloads one to one.
 */
public final class ItkEnvelopeReader {
    private static final String NS = ItkEnvelopeXml.NS;

    private ItkEnvelopeReader() {
    }

    public static ItkEnvelope read(String xml) {
        return read(SafeXml.parse(xml));
    }

    public static ItkEnvelope read(Document document) {
        return read(document.getDocumentElement());
    }

    public static ItkEnvelope read(Element root) {
        if (!NS.equals(root.getNamespaceURI()) || !"DistributionEnvelope".equals(root.getLocalName())) {
            throw new ItkEnvelopeException("root element is not an ITK DistributionEnvelope");
        }
        Element header = required(root, "header");
        List<String> recipients = new ArrayList<>();
        first(header, "addresslist").ifPresent(l -> children(l, "address").forEach(a -> recipients.add(a.getAttribute("uri"))));
        String audit = first(header, "auditIdentity").flatMap(a -> first(a, "id")).map(i -> i.getAttribute("uri")).orElse(null);
        String sender = first(header, "senderAddress").map(s -> s.getAttribute("uri")).orElse(null);
        Map<String, String> handling = new LinkedHashMap<>();
        first(header, "handlingSpecification").ifPresent(h -> children(h, "spec")
                .forEach(s -> handling.put(s.getAttribute("key"), s.getAttribute("value"))));
        Map<String, Element> manifest = new LinkedHashMap<>();
        children(required(header, "manifest"), "manifestitem").forEach(m -> manifest.put(m.getAttribute("id"), m));
        Map<String, Element> bodies = new HashMap<>();
        children(required(root, "payloads"), "payload").forEach(p -> bodies.put(p.getAttribute("id"), p));
        if (!manifest.keySet().equals(bodies.keySet())) {
            throw new ItkEnvelopeException("manifest items and payloads do not match");
        }
        List<ItkEnvelope.Payload> payloads = new ArrayList<>();
        manifest.forEach((id, item) -> payloads.add(new ItkEnvelope.Payload(id, item.getAttribute("mimetype"),
                item.hasAttribute("profileid") ? item.getAttribute("profileid") : null, content(bodies.get(id)))));
        String service = header.getAttribute("service");
        if (service.isBlank()) {
            throw new ItkEnvelopeException("header has no service");
        }
        return new ItkEnvelope(header.getAttribute("trackingid"), service, sender, recipients, audit, handling, payloads);
    }

    /** The payload's one element child serialised, or its text when it has no element. */
    private static String content(Element payload) {
        List<Element> elements = new ArrayList<>();
        for (Node n = payload.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                elements.add(e);
            }
        }
        if (elements.size() > 1) {
            throw new ItkEnvelopeException("a payload holds more than one element");
        }
        return elements.isEmpty() ? payload.getTextContent() : SafeXml.write(elements.get(0), false, false);
    }

    private static Element required(Element parent, String name) {
        return first(parent, name).orElseThrow(() -> new ItkEnvelopeException("envelope has no " + name));
    }

    private static java.util.Optional<Element> first(Element parent, String name) {
        return children(parent, name).stream().findFirst();
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> result = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && NS.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
                result.add(e);
            }
        }
        return result;
    }
}
