package org.seamless.privacy.identify;

import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.seamless.mappings.canonical.InvalidNhsNumberException;
import org.seamless.mappings.canonical.NhsNumber;

/**
 * Stage 1 of the chain: finds the message's subject (the first Patient in the bundle) and
 * validates the NHS number by Modulus 11, or reads an explicit withheld reason. It never guesses.
 */
public class SubjectIdentifier {

    public Subject identify(Bundle message) {
        List<Patient> patients = message.getEntry().stream()
                .map(Bundle.BundleEntryComponent::getResource)
                .filter(Patient.class::isInstance)
                .map(Patient.class::cast)
                .toList();
        if (patients.isEmpty()) {
            throw new IdentificationException("no-subject", "Bundle.entry",
                    "the message has no Patient resource");
        }
        Patient patient = patients.get(0);
        List<Identifier> ids = patient.getIdentifier();
        for (int i = 0; i < ids.size(); i++) {
            Identifier id = ids.get(i);
            if (!NhsNumber.SYSTEM.equals(id.getSystem())) {
                continue;
            }
            Extension withheld = id.getExtensionByUrl(WithheldReason.EXTENSION_URL);
            if (withheld != null) {
                return withheldSubject(withheld, "Patient.identifier[" + i + "].extension");
            }
            try {
                return Subject.identified(NhsNumber.parse(id.getValue()));
            } catch (InvalidNhsNumberException e) {
                throw new IdentificationException("invalid-nhs-number", "Patient.identifier[" + i + "].value",
                        e.getMessage());
            }
        }
        Extension withheld = patient.getExtensionByUrl(WithheldReason.EXTENSION_URL);
        if (withheld != null) {
            return withheldSubject(withheld, "Patient.extension");
        }
        throw new IdentificationException("no-nhs-number", "Patient.identifier",
                "the Patient has no NHS number (" + NhsNumber.SYSTEM + ") and no withheld reason ("
                        + WithheldReason.EXTENSION_URL + ")");
    }

    private static Subject withheldSubject(Extension ext, String location) {
        String code = ext.getValue() == null ? null : ext.getValue().primitiveValue();
        return WithheldReason.fromCode(code)
                .map(Subject::withheld)
                .orElseThrow(() -> new IdentificationException("unknown-withheld-reason", location,
                        "withheld reason must be one of objection-s251a, anonymous-access"));
    }
}
