package org.seamless.privacy.consent;

import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.seamless.mappings.canonical.InvalidNhsNumberException;
import org.seamless.mappings.canonical.NhsNumber;

/**
 * Finds the NHS number of a Consent's subject: on a logical reference ({@code Consent.patient.identifier}),
 * or on the Patient the reference resolves to (contained, or in the same bundle). Never guesses.
 */
final class FhirConsentSubject {
    private FhirConsentSubject() {
    }

    static NhsNumber nhsNumberOf(Consent consent, Bundle bundle, String path) {
        Reference ref = consent.getPatient();
        if (ref == null || ref.isEmpty()) {
            throw new ConsentMappingException("no-patient", path + ".patient", "the Consent names no patient");
        }
        Identifier logical = ref.getIdentifier();
        if (logical != null && NhsNumber.SYSTEM.equals(logical.getSystem())) {
            return parse(logical.getValue(), path + ".patient.identifier.value");
        }
        Resource resolved = FhirReferences.resolve(ref, consent, bundle).orElseThrow(() -> new ConsentMappingException(
                "unresolved-patient", path + ".patient",
                "the Consent's patient reference resolves to no contained or bundled Patient, and carries no "
                        + NhsNumber.SYSTEM + " identifier"));
        if (!(resolved instanceof Patient patient)) {
            throw new ConsentMappingException("not-a-patient", path + ".patient",
                    "the Consent's patient reference resolves to a " + resolved.fhirType());
        }
        List<Identifier> ids = patient.getIdentifier();
        for (int i = 0; i < ids.size(); i++) {
            if (NhsNumber.SYSTEM.equals(ids.get(i).getSystem())) {
                return parse(ids.get(i).getValue(), "Patient.identifier[" + i + "].value");
            }
        }
        throw new ConsentMappingException("no-nhs-number", "Patient.identifier",
                "the Consent's Patient has no " + NhsNumber.SYSTEM + " identifier; the registry is keyed by NHS number");
    }

    private static NhsNumber parse(String raw, String location) {
        try {
            return NhsNumber.parse(raw);
        } catch (InvalidNhsNumberException e) {
            throw new ConsentMappingException("invalid-nhs-number", location, e.getMessage());
        }
    }
}
