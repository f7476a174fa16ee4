package org.seamless.privacy.sensitivity;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * The parts of a canonical message it cannot do without: the MessageHeader, the subject Patient
 * (the first Patient, as {@link org.seamless.privacy.identify.SubjectIdentifier} reads it) and the
 * header's focus resources. Sensitive content in these is removed element by element; any other
 * resource carrying it is removed whole.
 */
public final class MessageAnatomy {
    private final Set<Resource> essential = Collections.newSetFromMap(new IdentityHashMap<>());

    private MessageAnatomy() {
    }

    public static MessageAnatomy of(Bundle message) {
        MessageAnatomy a = new MessageAnatomy();
        Optional<MessageHeader> header = first(message, MessageHeader.class);
        header.ifPresent(h -> {
            a.essential.add(h);
            for (Reference focus : h.getFocus()) {
                BundleReferences.resolve(focus, message).ifPresent(e -> a.essential.add(e.getResource()));
            }
        });
        first(message, Patient.class).ifPresent(a.essential::add);
        return a;
    }

    /** Whether this resource (by identity) is one the message cannot do without. */
    public boolean isEssential(Resource resource) {
        return essential.contains(resource);
    }

    private static <T extends Resource> Optional<T> first(Bundle b, Class<T> type) {
        return b.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(type::isInstance).map(type::cast).findFirst();
    }
}
