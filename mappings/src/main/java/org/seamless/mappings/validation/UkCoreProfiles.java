package org.seamless.mappings.validation;

import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.Resource;

/**
 * Makes every resource in a message declare its UK Core profile, so that the validator checks
 * UK Core conformance whether or not the sender named the profile. Returns the message itself
 * when nothing is missing, otherwise a copy.
 */
final class UkCoreProfiles {
    private static final String BASE = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-";
    private static final Map<String, String> PROFILES = Map.of(
            "MessageHeader", BASE + "MessageHeader",
            "Patient", BASE + "Patient",
            "Encounter", BASE + "Encounter",
            "Organization", BASE + "Organization",
            "Practitioner", BASE + "Practitioner",
            "PractitionerRole", BASE + "PractitionerRole",
            "RelatedPerson", BASE + "RelatedPerson",
            "Location", BASE + "Location",
            "Flag", BASE + "Flag",
            "Consent", BASE + "Consent");

    private UkCoreProfiles() {
    }

    static Bundle declared(Bundle message) {
        if (message.getEntry().stream().allMatch(e -> declares(e.getResource()))) {
            return message;
        }
        Bundle copy = message.copy();
        copy.getEntry().forEach(e -> {
            Resource r = e.getResource();
            if (r != null && !declares(r)) {
                r.getMeta().addProfile(PROFILES.get(r.fhirType()));
            }
        });
        return copy;
    }

    private static boolean declares(Resource r) {
        if (r == null || !PROFILES.containsKey(r.fhirType())) {
            return true;
        }
        String wanted = PROFILES.get(r.fhirType());
        return r.getMeta().getProfile().stream().map(CanonicalType::getValue).anyMatch(wanted::equals);
    }
}
