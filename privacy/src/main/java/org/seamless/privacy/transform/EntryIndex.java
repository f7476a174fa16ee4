package org.seamless.privacy.transform;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

/**
 * Resolves a reference to the bundle entry it points at: by {@code fullUrl} (e.g.
 * {@code urn:uuid:...}), or by {@code Type/id} (relative or at the end of an absolute URL,
 * version ignored). References to contained resources ({@code #id}) resolve to nothing.
 */
public final class EntryIndex {
    private final Map<String, Integer> byKey = new HashMap<>();

    /** Indexes the entries of a bundle without changing it. */
    public EntryIndex(Bundle bundle) {
        if (!bundle.hasEntry()) {
            return;
        }
        List<Bundle.BundleEntryComponent> entries = bundle.getEntry();
        for (int i = 0; i < entries.size(); i++) {
            Bundle.BundleEntryComponent e = entries.get(i);
            if (e.hasFullUrl()) {
                byKey.putIfAbsent(e.getFullUrl(), i);
            }
            Resource r = e.getResource();
            if (r != null && r.hasIdElement() && r.getIdElement().hasIdPart()) {
                byKey.putIfAbsent(r.fhirType() + "/" + r.getIdElement().getIdPart(), i);
            }
        }
    }

    /** The index of the entry the reference points at, if it points inside the bundle. */
    public OptionalInt resolve(String reference) {
        if (reference == null || reference.isEmpty() || reference.startsWith("#")) {
            return OptionalInt.empty();
        }
        String ref = reference;
        int history = ref.indexOf("/_history/");
        if (history > 0) {
            ref = ref.substring(0, history);
        }
        Integer hit = byKey.get(ref);
        if (hit == null) {
            String[] parts = ref.split("/");
            if (parts.length >= 2) {
                hit = byKey.get(parts[parts.length - 2] + "/" + parts[parts.length - 1]);
            }
        }
        return hit == null ? OptionalInt.empty() : OptionalInt.of(hit);
    }
}
