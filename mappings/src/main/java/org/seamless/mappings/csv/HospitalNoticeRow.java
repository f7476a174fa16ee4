package org.seamless.mappings.csv;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.mappings.message.NoticeFields;

/** Reads a notice bundle into the cell values of one hospital-notice CSV row, in {@link HospitalNoticeCsv#COLUMNS} order. */
final class HospitalNoticeRow {
    private HospitalNoticeRow() {
    }

    static List<String> values(Bundle bundle, int replayGeneration) {
        String messageId = MessageBundles.messageId(bundle).orElseThrow(() -> missing("MessageHeader.id"));
        SeamlessEvent event = MessageBundles.event(bundle).orElseThrow(() -> missing("a Seamless event"));
        Patient patient = MessageBundles.patient(bundle).orElseThrow(() -> missing("Patient"));
        Encounter encounter = NoticeFields.encounter(bundle).orElseThrow(() -> missing("Encounter"));
        Organization hospital = NoticeFields.hospital(bundle).orElse(new Organization());
        HumanName name = patient.getName().stream().filter(n -> n.getUse() == HumanName.NameUse.OFFICIAL).findFirst()
                .orElse(patient.getNameFirstRep());
        Address address = patient.getAddress().stream().filter(a -> a.getUse() == Address.AddressUse.HOME).findFirst()
                .orElse(patient.getAddressFirstRep());
        List<String> lines = addressLines(address);
        Organization.OrganizationContactComponent contact = NoticeFields.contact(hospital)
                .orElse(new Organization.OrganizationContactComponent());

        List<String> v = new ArrayList<>();
        v.add(messageId);
        v.add(Integer.toString(replayGeneration));
        v.add(event.code());
        v.add(bundle.hasTimestamp() ? DateTimeFormatter.ISO_INSTANT.format(bundle.getTimestamp().toInstant()) : null);
        v.add(nhsNumber(patient));
        v.add(name.getFamily());
        v.add(name.hasGiven() ? String.join(" ", name.getGiven().stream().map(PrimitiveType::getValue).toList()) : null);
        v.add(patient.hasBirthDate() ? patient.getBirthDateElement().getValueAsString() : null);
        v.add(patient.hasGender() ? patient.getGender().toCode() : null);
        v.addAll(lines);
        v.add(address.getCity());
        v.add(address.getPostalCode());
        v.add(phone(patient.getTelecom()));
        v.add(NoticeFields.odsCode(hospital).orElse(null));
        v.add(NoticeFields.ward(encounter).orElse(null));
        v.add(NoticeFields.spellNumber(encounter).orElse(null));
        v.add(encounter.getPeriod().hasStart() ? encounter.getPeriod().getStartElement().getValueAsString() : null);
        v.add(NoticeFields.plannedDischargeDate(encounter).map(Object::toString).orElse(null));
        v.add(contact.getName().hasText() ? contact.getName().getText() : null);
        v.add(phone(contact.getTelecom()));
        return v;
    }

    /** Three address-line cells: extra lines are joined into the third with ", ". */
    private static List<String> addressLines(Address address) {
        List<String> given = address.getLine().stream().map(PrimitiveType::getValue).toList();
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            if (i < 2 || given.size() <= 3) {
                cells.add(i < given.size() ? given.get(i) : null);
            } else {
                cells.add(String.join(", ", given.subList(2, given.size())));
            }
        }
        return cells;
    }

    private static String nhsNumber(Patient patient) {
        return patient.getIdentifier().stream().filter(i -> NhsNumber.SYSTEM.equals(i.getSystem()))
                .map(i -> i.getValue()).findFirst().orElse(null);
    }

    private static String phone(List<ContactPoint> telecom) {
        return telecom.stream().filter(t -> t.getSystem() == ContactPoint.ContactPointSystem.PHONE)
                .map(ContactPoint::getValue).findFirst().orElse(null);
    }

    private static IllegalArgumentException missing(String what) {
        return new IllegalArgumentException("not a notice message: " + what + " is missing");
    }
}
