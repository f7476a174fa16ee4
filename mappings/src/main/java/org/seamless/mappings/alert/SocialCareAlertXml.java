package org.seamless.mappings.alert;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seamless.mappings.canonical.Digests;
import org.seamless.mappings.canonical.InvalidNhsNumberException;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.itk.ItkAddresses;
import org.seamless.mappings.itk.ItkEnvelope;
import org.seamless.mappings.itk.ItkEnvelopeException;
import org.seamless.mappings.itk.ItkTrackingIds;
import org.seamless.mappings.itk.SafeXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The ITK form of one social care alert: a distribution envelope for service {@value #SERVICE} whose
 * one {@code text/xml} payload is
 * <pre>{@code
 * <SocialCareAlert xmlns="urn:seamless:itk:social-care-alert:1">
 *   <alertId/> <nhsNumber/> <type/> <start/> <end/>? <review/>? <deleted/>? <teamName/>? <teamPhone/>?
 * </SocialCareAlert>}</pre>
 * Dates are {@code yyyy-MM-dd}, {@code deleted} is {@code true} or {@code false}, {@code type} an
 * {@link AlertType} code. The owning LA is never in the payload: it is the authenticated caller.
 * See docs/flows/social-care-alerts.md.
 */
public final class SocialCareAlertXml {
    public static final String SERVICE = "urn:seamless:itk:services:social-care-alert-v1";
    public static final String NAMESPACE = "urn:seamless:itk:social-care-alert:1";
    public static final String ROOT = "SocialCareAlert";
    public static final String MIME_TYPE = "text/xml";
    static final List<String> ELEMENTS = List.of("alertId", "nhsNumber", "type", "start", "end", "review", "deleted",
            "teamName", "teamPhone");

    private SocialCareAlertXml() {
    }

    /** The LA's identity, from the registry entry of the authenticated caller. */
    public record Owner(String agencyId, String odsCode, String name) {
    }

    /** The alert in an envelope; throws {@link AlertPayloadException} naming what is wrong. */
    public static SocialCareAlert read(ItkEnvelope envelope, Owner owner) {
        if (!SERVICE.equals(envelope.service())) {
            throw new AlertPayloadException("wrong-service", "service", "the envelope's service must be " + SERVICE);
        }
        ItkEnvelope.Payload payload = envelope.payload(MIME_TYPE).orElseThrow(() -> new AlertPayloadException(
                "missing-payload", "payload", "the envelope has no " + MIME_TYPE + " payload"));
        return read(payload.content(), owner);
    }

    /** The alert in a {@code SocialCareAlert} element serialised as text. */
    public static SocialCareAlert read(String xml, Owner owner) {
        Document doc;
        try {
            doc = SafeXml.parse(xml);
        } catch (ItkEnvelopeException e) {
            throw new AlertPayloadException("bad-payload", "payload", "the payload is " + e.getMessage());
        }
        Element root = doc.getDocumentElement();
        if (!ROOT.equals(root.getLocalName()) || !NAMESPACE.equals(root.getNamespaceURI())) {
            throw new AlertPayloadException("bad-payload", "payload",
                    "the payload must be a " + ROOT + " element in namespace " + NAMESPACE);
        }
        Map<String, String> v = children(root);
        String alertId = required(v, "alertId");
        if (!AlertRows.ALERT_ID.matcher(alertId).matches()) {
            throw new AlertPayloadException("invalid-alert-id", "alertId",
                    "element alertId must be 1-64 letters, digits, '.', '_', '-' or '/'");
        }
        NhsNumber nhs;
        try {
            nhs = NhsNumber.parse(required(v, "nhsNumber").replace(" ", ""));
        } catch (InvalidNhsNumberException e) {
            throw new AlertPayloadException("invalid-nhs-number", "nhsNumber", e.getMessage() + " (element nhsNumber)");
        }
        AlertType type = AlertType.fromCode(required(v, "type")).orElseThrow(() -> new AlertPayloadException(
                "unknown-alert-type", "type", "element type is not a known alert type code"));
        LocalDate start = date(v, "start", true);
        LocalDate end = date(v, "end", false);
        if (end != null && end.isBefore(start)) {
            throw new AlertPayloadException("end-before-start", "end", "element end is before element start");
        }
        LocalDate review = date(v, "review", false);
        String team = optional(v, "teamName");
        if (team != null && team.length() > AlertRows.MAX_TEAM) {
            throw new AlertPayloadException("too-long", "teamName", "element teamName is longer than " + AlertRows.MAX_TEAM);
        }
        String phone = optional(v, "teamPhone");
        if (phone != null && !AlertRows.PHONE.matcher(phone).matches()) {
            throw new AlertPayloadException("invalid-phone", "teamPhone", "element teamPhone is not a telephone number");
        }
        return new SocialCareAlert(owner.agencyId(), owner.odsCode(), owner.name(), alertId, nhs, type, start, end,
                review, deleted(optional(v, "deleted")), team, phone);
    }

    /**
     * A digest of what the LA said (every payload field, normalised), so the same alert sent again with
     * other whitespace or element formatting has the same digest.
     */
    public static String contentDigest(SocialCareAlert a) {
        return Digests.sha256Hex(String.join("|", a.alertId(), a.nhsNumber().value(), a.type().code(),
                a.start().toString(), String.valueOf(a.end()), String.valueOf(a.review()), String.valueOf(a.deleted()),
                String.valueOf(a.teamName()), String.valueOf(a.teamPhone())));
    }

    /** The payload text for an alert (the owner is not part of it). */
    public static String write(SocialCareAlert a) {
        Document doc = SafeXml.newDocument();
        Element root = doc.createElementNS(NAMESPACE, ROOT);
        doc.appendChild(root);
        append(doc, root, "alertId", a.alertId());
        append(doc, root, "nhsNumber", a.nhsNumber().value());
        append(doc, root, "type", a.type().code());
        append(doc, root, "start", a.start().toString());
        append(doc, root, "end", a.end() == null ? null : a.end().toString());
        append(doc, root, "review", a.review() == null ? null : a.review().toString());
        append(doc, root, "deleted", Boolean.toString(a.deleted()));
        append(doc, root, "teamName", a.teamName());
        append(doc, root, "teamPhone", a.teamPhone());
        return SafeXml.write(doc.getDocumentElement(), false, false);
    }

    /** The envelope an LA sends: a tracking id derived from the content (a resend is recognised). */
    public static ItkEnvelope envelope(SocialCareAlert a, String senderAddress) {
        String key = senderAddress + "|" + contentDigest(a);
        return new ItkEnvelope(ItkTrackingIds.nameBased("social-care-alert|" + key), SERVICE, senderAddress,
                List.of(ItkAddresses.AGENCY_ADDRESS_PREFIX + "seamless-hub"), null,
                Map.of(ItkAddresses.HANDLING_ACK_REQUESTED, "false"),
                List.of(new ItkEnvelope.Payload("uuid_" + ItkTrackingIds.nameBased("social-care-alert-payload|" + key),
                        MIME_TYPE, null, write(a))));
    }

    private static Map<String, String> children(Element root) {
        Map<String, String> found = new LinkedHashMap<>();
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                if (!NAMESPACE.equals(e.getNamespaceURI()) || !ELEMENTS.contains(e.getLocalName())) {
                    throw new AlertPayloadException("bad-payload", "payload",
                            "unknown element in " + ROOT + " (allowed: " + String.join(", ", ELEMENTS) + ")");
                }
                if (found.put(e.getLocalName(), e.getTextContent()) != null) {
                    throw new AlertPayloadException("repeated-element", e.getLocalName(),
                            "element " + e.getLocalName() + " is repeated");
                }
            }
        }
        return found;
    }

    private static String required(Map<String, String> v, String name) {
        String s = optional(v, name);
        if (s == null) {
            throw new AlertPayloadException("missing-value", name, "element " + name + " is missing or empty");
        }
        return s;
    }

    private static String optional(Map<String, String> v, String name) {
        String s = v.get(name);
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static LocalDate date(Map<String, String> v, String name, boolean required) {
        String s = required ? required(v, name) : optional(v, name);
        if (s == null) {
            return null;
        }
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw new AlertPayloadException("invalid-date", name, "element " + name + " is not a date (yyyy-MM-dd)");
        }
    }

    private static boolean deleted(String s) {
        if (s == null) {
            return false;
        }
        return switch (s) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw new AlertPayloadException("invalid-flag", "deleted", "element deleted must be true or false");
        };
    }

    private static void append(Document doc, Element parent, String name, String text) {
        if (text == null) {
            return;
        }
        Element e = doc.createElementNS(NAMESPACE, name);
        e.setTextContent(text);
        parent.appendChild(e);
    }
}
