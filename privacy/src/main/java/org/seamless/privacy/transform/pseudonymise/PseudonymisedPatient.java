package org.seamless.privacy.transform.pseudonymise;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.privacy.identify.Subject;
import org.seamless.privacy.identify.WithheldReason;
import org.seamless.privacy.keys.Pseudonyms;
import org.seamless.privacy.transform.minimise.BirthDateForm;

/**
 * Builds the subject's Patient for a pseudonymised release from an allow-list of its own, not by
 * deleting from the original: the pseudonym (or the withheld marker, never a pseudonym for a
 * withheld number), gender, birth year or age band, postcode district, and whether deceased.
 * No name, telecom, address lines, photo, contact, GP, link or any other identifier.
 */
final class PseudonymisedPatient {
    private PseudonymisedPatient() {
    }

    static Patient build(Patient source, String newId, Subject subject, Optional<String> pseudonym,
                         BirthDateForm form, Instant at) {
        Patient p = new Patient();
        p.setId(newId);
        if (pseudonym.isPresent()) {
            p.addIdentifier(new Identifier().setSystem(Pseudonyms.SYSTEM).setValue(pseudonym.get()));
        } else {
            subject.withheldReason().ifPresent(reason -> {
                Identifier marker = p.addIdentifier().setSystem(NhsNumber.SYSTEM);
                marker.addExtension(WithheldReason.EXTENSION_URL, new CodeType(reason.code()));
            });
        }
        if (source.hasGender()) {
            p.setGender(source.getGender());
        }
        if (source.hasBirthDateElement() && source.getBirthDateElement().getYear() != null) {
            DateType birth = source.getBirthDateElement();
            if (form == BirthDateForm.AGE_BAND) {
                LocalDate born = LocalDate.of(birth.getYear(),
                        birth.getMonth() == null ? 1 : birth.getMonth() + 1, birth.getDay() == null ? 1 : birth.getDay());
                p.addExtension(AgeBand.extension(born, LocalDate.ofInstant(at, ZoneOffset.UTC)));
            } else {
                p.setBirthDateElement(new DateType(String.format("%04d", birth.getYear())));
            }
        }
        for (Address a : source.hasAddress() ? source.getAddress() : List.<Address>of()) {
            Optional<String> district = PostcodeDistrict.of(a.getPostalCode());
            if (district.isPresent()) {
                p.addAddress(new Address().setPostalCode(district.get()));
                break;
            }
        }
        if (source.hasDeceased()) {
            boolean deceased = !(source.getDeceased() instanceof BooleanType b) || b.booleanValue();
            p.setDeceased(new BooleanType(deceased));
        }
        return p;
    }
}
