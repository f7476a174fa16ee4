package org.seamless.mappings.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.seamless.mappings.canonical.FhirContexts;
import org.seamless.mappings.canonical.SeamlessEvent;

/**
 * Reads the parts of a canonical message (a FHIR R4 Bundle of type {@code message}).
 *
 * <p>The <b>message id is {@code MessageHeader.id}</b>: FHIR R4 defines
 * {@code MessageHeader.response.identifier} as "the MessageHeader.id of the message to which this
 * message is a response", so that is the id a reply, an idempotency key and a broker
 * duplicate-detection id must all use. {@code Bundle.id} is not used.
 */
public final class MessageBundles {
    private static final String URN_UUID = "urn:uuid:";

    private MessageBundles() {
    }

    /** The MessageHeader, which must be the resource of the first entry. */
    public static Optional<MessageHeader> header(Bundle bundle) {
        if (bundle == null || !bundle.hasEntry()) {
            return Optional.empty();
        }
        return bundle.getEntryFirstRep().getResource() instanceof MessageHeader header
                ? Optional.of(header) : Optional.empty();
    }

    /** The message id ({@code MessageHeader.id}, without any base or version), if present. */
    public static Optional<String> messageId(Bundle bundle) {
        return header(bundle).map(MessageBundles::idOf);
    }

    /** The message id of a header, as a bare logical id; null when absent. */
    public static String idOf(MessageHeader header) {
        return logicalId(header);
    }

    /**
     * A resource's bare logical id; null when absent. HAPI's parser replaces the id of a bundle
     * entry with its {@code urn:uuid:} fullUrl, so that prefix is removed here.
     */
    public static String logicalId(Resource resource) {
        if (resource == null || !resource.hasIdElement() || !resource.getIdElement().hasIdPart()) {
            return null;
        }
        String id = resource.getIdElement().getIdPart();
        return id.startsWith(URN_UUID) ? id.substring(URN_UUID.length()) : id;
    }

    /** The Seamless event named by {@code MessageHeader.eventCoding}; empty unless the system is ours and the code known. */
    public static Optional<SeamlessEvent> event(Bundle bundle) {
        return header(bundle).flatMap(MessageBundles::event);
    }

    /** The Seamless event of a header; empty unless {@code eventCoding} uses {@link SeamlessEvent#SYSTEM} and a known code. */
    public static Optional<SeamlessEvent> event(MessageHeader header) {
        if (!header.hasEventCoding()) {
            return Optional.empty();
        }
        Coding coding = header.getEventCoding();
        return SeamlessEvent.SYSTEM.equals(coding.getSystem()) ? SeamlessEvent.fromCode(coding.getCode()) : Optional.empty();
    }

    /** The resources {@code MessageHeader.focus} points at, in order; references that do not resolve are skipped. */
    public static List<Resource> focus(Bundle bundle) {
        List<Resource> result = new ArrayList<>();
        header(bundle).ifPresent(h -> h.getFocus().forEach(ref -> resolve(bundle, ref).ifPresent(result::add)));
        return result;
    }

    /** The first Patient in the bundle. */
    public static Optional<Patient> patient(Bundle bundle) {
        return first(bundle, Patient.class);
    }

    /** Every Encounter in the bundle, in entry order. */
    public static List<Encounter> encounters(Bundle bundle) {
        return all(bundle, Encounter.class);
    }

    /** The first resource of a type in the bundle. */
    public static <T extends Resource> Optional<T> first(Bundle bundle, Class<T> type) {
        return all(bundle, type).stream().findFirst();
    }

    /** Every resource of a type in the bundle, in entry order. */
    public static <T extends Resource> List<T> all(Bundle bundle, Class<T> type) {
        List<T> result = new ArrayList<>();
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            if (type.isInstance(entry.getResource())) {
                result.add(type.cast(entry.getResource()));
            }
        }
        return result;
    }

    /** Resolves a reference inside the bundle: by {@code fullUrl}, or by {@code Type/id} of an entry's resource. */
    public static Optional<Resource> resolve(Bundle bundle, Reference reference) {
        if (reference == null || !reference.hasReference()) {
            return Optional.empty();
        }
        return resolve(bundle, reference.getReference());
    }

    /** Resolves a reference string ({@code urn:uuid:...}, an absolute URL or {@code Type/id}) inside the bundle. */
    public static Optional<Resource> resolve(Bundle bundle, String reference) {
        if (reference == null || reference.isBlank()) {
            return Optional.empty();
        }
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            Resource resource = entry.getResource();
            if (resource == null) {
                continue;
            }
            if (reference.equals(entry.getFullUrl()) || reference.equals(typeAndId(resource))) {
                return Optional.of(resource);
            }
        }
        return Optional.empty();
    }

    /**
     * Parses canonical message JSON. Throws HAPI's {@code DataFormatException} on malformed input;
     * invalid values are dropped without being logged (use {@link InboundMessageCheck#check(String)} to report them).
     */
    public static Bundle parse(String json) {
        return ParseIssueCollector.jsonParser(new ParseIssueCollector()).parseResource(Bundle.class, json);
    }

    /** Serialises a message as pretty-printed JSON. */
    public static String toJson(Bundle bundle) {
        return FhirContexts.r4().newJsonParser().setPrettyPrint(true).encodeResourceToString(bundle);
    }

    private static String typeAndId(Resource resource) {
        String id = logicalId(resource);
        return id == null ? null : resource.fhirType() + "/" + id;
    }
}
