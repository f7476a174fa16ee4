package org.seamless.mappings.message;

import ca.uhn.fhir.parser.DataFormatException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Reference;
import org.seamless.mappings.canonical.SeamlessEvent;

/**
 * Fast structural check of an inbound canonical message (no profile validation; see
 * {@code UkCoreValidation} for that). Returns every issue found; an empty list means the hub can
 * route it. Diagnostics never repeat values from the message.
 */
public final class InboundMessageCheck {
    private static final String HEADER = "Bundle.entry[0].resource";

    private InboundMessageCheck() {
    }

    /** Parses JSON and checks it; unreadable input gives one fatal issue without the parser's text (it may quote data). */
    public static List<MessageIssue> check(String json) {
        return parse(json, false).issues();
    }

    /** A body parsed once: the resource (null when unreadable) and every issue found. */
    public record Parsed(IBaseResource resource, List<MessageIssue> issues) {
        public Parsed {
            issues = List.copyOf(issues);
        }
    }

    /** Parses a JSON or XML body once, collecting parse issues (unknown elements are errors), then checks it. */
    public static Parsed parse(String body, boolean xml) {
        if (body == null || body.isBlank()) {
            return new Parsed(null, List.of(MessageIssue.fatal(IssueType.REQUIRED, null, "Body is empty")));
        }
        ParseIssueCollector collector = new ParseIssueCollector();
        IBaseResource resource;
        try {
            resource = (xml ? ParseIssueCollector.xmlParser(collector) : ParseIssueCollector.jsonParser(collector))
                    .parseResource(body);
        } catch (DataFormatException | IllegalArgumentException | IllegalStateException e) {
            return new Parsed(null, List.of(MessageIssue.fatal(IssueType.STRUCTURE, null,
                    "Body is not a valid FHIR R4 " + (xml ? "XML" : "JSON") + " resource")));
        }
        List<MessageIssue> issues = new ArrayList<>(collector.issues());
        issues.addAll(check(resource));
        return new Parsed(resource, issues);
    }

    /** Checks a parsed resource. */
    public static List<MessageIssue> check(IBaseResource resource) {
        if (!(resource instanceof Bundle bundle)) {
            String type = resource == null ? "nothing" : resource.fhirType();
            return List.of(MessageIssue.fatal(IssueType.STRUCTURE, null, "Expected a Bundle, got " + type));
        }
        List<MessageIssue> issues = new ArrayList<>();
        if (bundle.getType() != Bundle.BundleType.MESSAGE) {
            issues.add(MessageIssue.error(IssueType.VALUE, "Bundle.type", "Bundle.type must be 'message'"));
        }
        Optional<MessageHeader> header = MessageBundles.header(bundle);
        if (header.isEmpty()) {
            issues.add(MessageIssue.error(IssueType.STRUCTURE, "Bundle.entry[0]",
                    "The first entry must be a MessageHeader"));
        }
        Optional<SeamlessEvent> event = header.flatMap(h -> checkHeader(bundle, h, issues));
        checkIds(bundle, issues);
        checkContent(bundle, event, issues);
        return List.copyOf(issues);
    }

    private static Optional<SeamlessEvent> checkHeader(Bundle bundle, MessageHeader header, List<MessageIssue> issues) {
        if (MessageBundles.idOf(header) == null) {
            issues.add(MessageIssue.error(IssueType.REQUIRED, HEADER + ".id",
                    "MessageHeader.id (the message id) is missing"));
        }
        if (!header.hasSource() || !header.getSource().hasEndpoint()) {
            issues.add(MessageIssue.error(IssueType.REQUIRED, HEADER + ".source.endpoint",
                    "MessageHeader.source.endpoint is missing"));
        }
        Optional<SeamlessEvent> event = MessageBundles.event(header);
        if (!header.hasEventCoding()) {
            issues.add(MessageIssue.error(IssueType.REQUIRED, HEADER + ".event",
                    "MessageHeader.eventCoding is missing"));
        } else if (!SeamlessEvent.SYSTEM.equals(header.getEventCoding().getSystem())) {
            issues.add(MessageIssue.error(IssueType.CODEINVALID, HEADER + ".event.system",
                    "MessageHeader.eventCoding.system must be " + SeamlessEvent.SYSTEM));
        } else if (event.isEmpty()) {
            issues.add(MessageIssue.error(IssueType.CODEINVALID, HEADER + ".event.code",
                    "MessageHeader.eventCoding.code is not a code of " + SeamlessEvent.SYSTEM));
        }
        List<Reference> focus = header.getFocus();
        for (int i = 0; i < focus.size(); i++) {
            if (MessageBundles.resolve(bundle, focus.get(i)).isEmpty()) {
                issues.add(MessageIssue.error(IssueType.NOTFOUND, HEADER + ".focus[" + i + "]",
                        "Focus reference does not resolve to an entry of the bundle"));
            }
        }
        return event;
    }

    /**
     * Two entries with the same fullUrl or the same resource id, or two contained resources of one
     * resource with the same id, make references ambiguous: the message is invalid.
     */
    private static void checkIds(Bundle bundle, List<MessageIssue> issues) {
        java.util.Set<String> fullUrls = new java.util.HashSet<>();
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; i < bundle.getEntry().size(); i++) {
            Bundle.BundleEntryComponent entry = bundle.getEntry().get(i);
            String at = "Bundle.entry[" + i + "]";
            if (entry.hasFullUrl() && !fullUrls.add(entry.getFullUrl())) {
                issues.add(MessageIssue.error(IssueType.DUPLICATE, at + ".fullUrl",
                        "Two entries have the same id (fullUrl); references to it are ambiguous"));
            }
            if (!(entry.getResource() instanceof org.hl7.fhir.r4.model.DomainResource r)) {
                continue;
            }
            String id = MessageBundles.logicalId(r);
            if (id != null && !ids.add(r.fhirType() + "/" + id) && !entry.hasFullUrl()) {
                issues.add(MessageIssue.error(IssueType.DUPLICATE, at + ".resource.id",
                        "Two entries have the same id; references to it are ambiguous"));
            }
            java.util.Set<String> contained = new java.util.HashSet<>();
            for (int c = 0; c < r.getContained().size(); c++) {
                String cid = r.getContained().get(c).getIdElement().getIdPart();
                if (cid != null && !contained.add(cid.startsWith("#") ? cid.substring(1) : cid)) {
                    issues.add(MessageIssue.error(IssueType.DUPLICATE, at + ".resource.contained[" + c + "].id",
                            "Two contained resources have the same id; references to it are ambiguous"));
                }
            }
        }
    }

    private static void checkContent(Bundle bundle, Optional<SeamlessEvent> event, List<MessageIssue> issues) {
        if (MessageBundles.patient(bundle).isEmpty()) {
            issues.add(MessageIssue.error(IssueType.REQUIRED, "Bundle.entry", "The message has no Patient"));
        }
        if (event.isEmpty() || !NoticeDetails.NOTICE_EVENTS.contains(event.get())) {
            return;
        }
        List<Encounter> encounters = MessageBundles.encounters(bundle);
        if (encounters.isEmpty()) {
            issues.add(MessageIssue.error(IssueType.REQUIRED, "Bundle.entry",
                    "A " + event.get().code() + " needs an Encounter"));
        } else if (event.get() == SeamlessEvent.DISCHARGE_NOTICE
                && encounters.stream().noneMatch(e -> NoticeFields.plannedDischargeDate(e).isPresent())) {
            issues.add(MessageIssue.error(IssueType.REQUIRED,
                    "Bundle.entry.resource.ofType(Encounter).extension('" + FhirUrls.PLANNED_DISCHARGE_DATE + "')",
                    "A discharge-notice needs the planned discharge date on the Encounter"));
        }
    }
}
