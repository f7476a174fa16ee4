package org.seamless.mappings.message;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.time.Instant;
import java.util.Date;
import java.util.TimeZone;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.canonical.SeamlessEvent;

/**
 * Builds the canonical Care Act notice message (admission, assessment, discharge, withdrawal).
 *
 * <p>Shape: entry 0 MessageHeader (UK Core; id = message id; sender and focus), then Patient
 * (UK Core, NHS number with verification status 01), Encounter (UK Core, inpatient, in progress;
 * the planned discharge date in {@link FhirUrls#PLANNED_DISCHARGE_DATE}), Organization (the hospital,
 * with the patient-information contact). All fullUrls are {@code urn:uuid:} and equal the ids.
 */
public final class NoticeMessages {
    private NoticeMessages() {
    }

    /** The notice bundle for these details. Same details give an identical bundle. */
    public static Bundle build(NoticeDetails d) {
        String id = d.messageId();
        Organization hospital = hospital(d, ResourceIds.derived(id, "Organization"));
        Patient patient = patient(d, ResourceIds.derived(id, "Patient"));
        Encounter encounter = encounter(d, ResourceIds.derived(id, "Encounter"), patient, hospital);
        MessageHeader header = header(d, patient, encounter, hospital);

        Bundle bundle = new Bundle().setType(Bundle.BundleType.MESSAGE).setTimestampElement(instant(d.sentAt()));
        for (Resource r : new Resource[] {header, patient, encounter, hospital}) {
            bundle.addEntry().setFullUrl(ResourceIds.urn(r.getIdElement().getIdPart())).setResource(r);
        }
        return bundle;
    }

    /** The notice as pretty-printed JSON. */
    public static String buildJson(NoticeDetails d) {
        return MessageBundles.toJson(build(d));
    }

    private static MessageHeader header(NoticeDetails d, Patient patient, Encounter encounter, Organization hospital) {
        MessageHeader header = new MessageHeader();
        header.setId(d.messageId());
        header.getMeta().addProfile(FhirUrls.UKCORE_MESSAGE_HEADER);
        header.setEvent(new Coding(SeamlessEvent.SYSTEM, d.event().code(), d.event().display()));
        header.setSender(ref(hospital));
        header.getSource().setEndpoint(FhirUrls.ODS_ENDPOINT_PREFIX + d.hospitalOdsCode());
        header.addFocus(ref(patient));
        header.addFocus(ref(encounter));
        return header;
    }

    private static Patient patient(NoticeDetails d, String id) {
        return patient(id, d.nhsNumber(), d.givenName(), d.familyName(), d.phone(), d.gender(), d.birthDate(),
                d.addressLines(), d.city(), d.postcode());
    }

    /**
     * The UK Core Patient every hospital message carries (notices and discharge to assess): the verified NHS number,
     * the official name, home phone, gender, birth date and home address, each only when given.
     */
    public static Patient patient(String id, NhsNumber nhsNumber, String givenName, String familyName, String phone,
                                  org.hl7.fhir.r4.model.Enumerations.AdministrativeGender gender,
                                  java.time.LocalDate birthDate, java.util.List<String> addressLines, String city,
                                  String postcode) {
        Patient p = new Patient();
        p.setId(id);
        p.getMeta().addProfile(FhirUrls.UKCORE_PATIENT);
        p.addIdentifier(nhsNumberIdentifier(nhsNumber));
        if (familyName != null || givenName != null) {
            HumanName name = p.addName().setUse(HumanName.NameUse.OFFICIAL).setFamily(familyName);
            if (givenName != null) {
                name.addGiven(givenName);
            }
        }
        if (phone != null) {
            p.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setUse(ContactPoint.ContactPointUse.HOME)
                    .setValue(phone);
        }
        p.setGender(gender);
        if (birthDate != null) {
            p.setBirthDateElement(new DateType(birthDate.toString()));
        }
        if (!addressLines.isEmpty() || city != null || postcode != null) {
            Address a = p.addAddress().setUse(Address.AddressUse.HOME).setCity(city).setPostalCode(postcode);
            addressLines.forEach(a::addLine);
        }
        return p;
    }

    /** An NHS number as UK Core identifies it: the number, verified ("01"). */
    public static Identifier nhsNumberIdentifier(NhsNumber nhsNumber) {
        Identifier identifier = new Identifier()
                .setSystem(NhsNumber.SYSTEM).setValue(nhsNumber.value());
        identifier.addExtension(FhirUrls.NHS_NUMBER_VERIFICATION_STATUS, new CodeableConcept(new Coding(
                FhirUrls.NHS_NUMBER_VERIFICATION_STATUS_ENGLAND, "01", "Number present and verified")));
        return identifier;
    }

    private static Encounter encounter(NoticeDetails d, String id, Patient patient, Organization hospital) {
        Encounter e = new Encounter();
        e.setId(id);
        e.getMeta().addProfile(FhirUrls.UKCORE_ENCOUNTER);
        e.addIdentifier().setSystem(FhirUrls.HOSPITAL_SPELL_PREFIX + d.hospitalOdsCode()).setValue(d.encounterId());
        e.setStatus(Encounter.EncounterStatus.INPROGRESS);
        e.setClass_(new Coding(FhirUrls.ACT_CODE, "IMP", "inpatient encounter"));
        e.setSubject(ref(patient));
        DateTimeType start = new DateTimeType(Date.from(d.admittedAt().toInstant()), TemporalPrecisionEnum.SECOND,
                TimeZone.getTimeZone(d.admittedAt().getOffset()));
        e.getPeriod().setStartElement(start);
        if (d.plannedDischargeDate() != null) {
            e.addExtension(FhirUrls.PLANNED_DISCHARGE_DATE, new DateType(d.plannedDischargeDate().toString()));
        }
        if (d.ward() != null) {
            e.addLocation().setLocation(new Reference().setDisplay(d.ward()));
        }
        e.setServiceProvider(ref(hospital));
        return e;
    }

    private static Organization hospital(NoticeDetails d, String id) {
        Organization o = new Organization();
        o.setId(id);
        o.getMeta().addProfile(FhirUrls.UKCORE_ORGANIZATION);
        o.addIdentifier().setSystem(FhirUrls.ODS_ORGANIZATION_CODE).setValue(d.hospitalOdsCode());
        if (d.contactName() != null || d.contactPhone() != null) {
            Organization.OrganizationContactComponent c = o.addContact();
            c.setPurpose(new CodeableConcept(new Coding(FhirUrls.CONTACT_ENTITY_TYPE, "PATINF", "Patient")));
            if (d.contactName() != null) {
                c.setName(new HumanName().setText(d.contactName()));
            }
            if (d.contactPhone() != null) {
                c.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE)
                        .setUse(ContactPoint.ContactPointUse.WORK).setValue(d.contactPhone());
            }
        }
        return o;
    }

    /** Bundle.timestamp in UTC ("Z"), at second precision unless the instant has a fraction. */
    static InstantType instant(Instant at) {
        TemporalPrecisionEnum precision = at.getNano() == 0 ? TemporalPrecisionEnum.SECOND : TemporalPrecisionEnum.MILLI;
        InstantType type = new InstantType(Date.from(at), precision, TimeZone.getTimeZone("UTC"));
        type.setTimeZoneZulu(true);
        return type;
    }

    private static Reference ref(IBaseResource r) {
        return new Reference(ResourceIds.urn(r.getIdElement().getIdPart()));
    }
}
