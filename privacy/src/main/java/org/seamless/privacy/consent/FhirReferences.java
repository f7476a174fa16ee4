package org.seamless.privacy.consent;

import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.seamless.privacy.sensitivity.BundleReferences;

/** Resolves a literal reference to a resource contained in the referring resource or carried in the same bundle. */
final class FhirReferences {
    private FhirReferences() {
    }

    static Optional<Resource> resolve(Reference ref, DomainResource referrer, Bundle bundle) {
        if (ref.getResource() instanceof Resource linked) {
            return Optional.of(linked);
        }
        String target = ref.getReference();
        if (target == null || target.isBlank()) {
            return Optional.empty();
        }
        if (target.startsWith("#")) {
            String id = target.substring(1);
            return referrer.getContained().stream()
                    .filter(r -> id.equals(r.getIdElement().getIdPart()) || target.equals(r.getId()))
                    .findFirst();
        }
        if (bundle == null) {
            return Optional.empty();
        }
        return bundle.getEntry().stream()
                .filter(e -> BundleReferences.matches(target, e))
                .map(Bundle.BundleEntryComponent::getResource)
                .findFirst();
    }
}
