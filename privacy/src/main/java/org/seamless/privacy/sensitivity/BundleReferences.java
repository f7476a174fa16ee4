package org.seamless.privacy.sensitivity;

import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/** Matching literal references to bundle entries: by fullUrl, or by relative or absolute {@code Type/id}. */
public final class BundleReferences {
    private BundleReferences() {
    }

    /** Whether this reference string points at this bundle entry. */
    public static boolean matches(String target, Bundle.BundleEntryComponent entry) {
        if (target == null || target.isBlank() || entry.getResource() == null) {
            return false;
        }
        if (target.equals(entry.getFullUrl())) {
            return true;
        }
        Resource r = entry.getResource();
        String idPart = r.getIdElement().getIdPart();
        if (idPart == null) {
            return false;
        }
        String relative = r.fhirType() + "/" + idPart;
        return target.equals(relative) || target.endsWith("/" + relative)
                || target.startsWith(relative + "/_history/") || target.contains("/" + relative + "/_history/");
    }

    /** Whether this reference points at this entry's resource (in-memory link or literal reference). */
    public static boolean pointsAt(Reference ref, Bundle.BundleEntryComponent entry) {
        return (ref.getResource() != null && ref.getResource() == entry.getResource())
                || matches(ref.getReference(), entry);
    }

    /** The bundle entry a reference points at, if the bundle carries it. */
    public static Optional<Bundle.BundleEntryComponent> resolve(Reference ref, Bundle bundle) {
        return bundle.getEntry().stream().filter(e -> pointsAt(ref, e)).findFirst();
    }
}
