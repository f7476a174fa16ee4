package org.seamless.mappings.d2a;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.TimeZone;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Task;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.message.FhirUrls;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.mappings.message.ResourceIds;
import org.seamless.mappings.message.NoticeMessages;

/**
 * Builds the canonical discharge to assess messages (ADR 0060).
 *
 * <p>Trust events: entry 0 MessageHeader (UK Core; focus Patient, Encounter and, with a referral, the
 * ServiceRequest), Patient (UK Core; the address may carry the UPRN as a UK Core AddressKey),
 * Encounter (UK Core: the stay as it stands; ward, admission, predicted discharge date, Discharge
 * Ready Date, delay reason, discharge and destination), Organization (the trust, with the contact),
 * ServiceRequest (UK Core: the referral, pathway in {@code code}, needs in {@code note}, revoked when
 * cancelled) when there is a referral.
 *
 * <p>Council events: MessageHeader (sender the council; {@code response.identifier} = the trust
 * event answered), Patient (NHS number), Organization (the council, contact), Task (UK Core: code =
 * the event, businessStatus = the outcome, input = the confirmed pathway, focus = the referral by
 * identifier, encounter = the spell by identifier), and for care in place / care arranged an
 * EpisodeOfCare (UK Core: the package) managed by a provider Organization.
 */
public final class D2aMessages {
    /** Extension on ServiceRequest: whether an unpaid carer is involved in the discharge plan. */
    public static final String UNPAID_CARER = "https://seamless.dev/fhir/StructureDefinition/unpaid-carer-involved";
    /** The council's endpoint in {@code MessageHeader.source.endpoint}: prefix then the agency id. */
    public static final String AGENCY_ENDPOINT_PREFIX = "urn:seamless:agency:";

    private D2aMessages() {
    }

    // ---------------------------------------------------------------- trust events

    /** The message for a trust event. Same facts give an identical bundle. */
    public static Bundle build(D2aStay d) {
        String id = d.messageId();
        Organization hospital = hospital(d, ResourceIds.derived(id, "Organization"));
        Patient patient = patient(d, ResourceIds.derived(id, "Patient"));
        Encounter encounter = encounter(d, ResourceIds.derived(id, "Encounter"), patient, hospital);
        ServiceRequest referral = d.referralId() == null ? null
                : serviceRequest(d, ResourceIds.derived(id, "ServiceRequest"), patient, encounter, hospital);
        MessageHeader header = new MessageHeader();
        header.setId(id);
        header.getMeta().addProfile(FhirUrls.UKCORE_MESSAGE_HEADER);
        header.setEvent(new Coding(SeamlessEvent.SYSTEM, d.event().code(), d.event().display()));
        header.setSender(ref(hospital));
        header.getSource().setEndpoint(FhirUrls.ODS_ENDPOINT_PREFIX + d.hospitalOdsCode());
        header.addFocus(ref(patient));
        header.addFocus(ref(encounter));
        if (referral != null) {
            header.addFocus(ref(referral));
        }
        return bundle(d.sentAt(), header, patient, encounter, hospital, referral);
    }

    public static String buildJson(D2aStay d) {
        return MessageBundles.toJson(build(d));
    }

    private static Patient patient(D2aStay d, String id) {
        Patient p = NoticeMessages.patient(id, d.nhsNumber(), d.givenName(), d.familyName(), d.phone(), d.gender(),
                d.birthDate(), d.addressLines(), d.city(), d.postcode());
        if (d.uprn() != null) {
            Address a = p.hasAddress() ? p.getAddressFirstRep() : p.addAddress().setUse(Address.AddressUse.HOME);
            a.addExtension().setUrl(D2aFields.ADDRESS_KEY)
                    .addExtension(new org.hl7.fhir.r4.model.Extension("type", new CodeableConcept(
                            new Coding(D2aFields.ADDRESS_KEY_TYPE, "UPRN", "Unique Property Reference Number"))))
                    .addExtension(new org.hl7.fhir.r4.model.Extension("value", new StringType(d.uprn())));
        }
        return p;
    }

    private static Encounter encounter(D2aStay d, String id, Patient patient, Organization hospital) {
        Encounter e = new Encounter();
        e.setId(id);
        e.getMeta().addProfile(FhirUrls.UKCORE_ENCOUNTER);
        e.addIdentifier().setSystem(FhirUrls.HOSPITAL_SPELL_PREFIX + d.hospitalOdsCode()).setValue(d.spellId());
        boolean discharged = d.event() == SeamlessEvent.D2A_DISCHARGED;
        e.setStatus(discharged ? Encounter.EncounterStatus.FINISHED : Encounter.EncounterStatus.INPROGRESS);
        e.setClass_(new Coding(FhirUrls.ACT_CODE, "IMP", "inpatient encounter"));
        e.setSubject(ref(patient));
        e.getPeriod().setStartElement(dateTime(d.admittedAt()));
        if (discharged) {
            e.getPeriod().setEndElement(dateTime(d.dischargedAt()));
            e.getHospitalization().setDischargeDisposition(new CodeableConcept(
                    new Coding(D2aCodes.DISCHARGE_DESTINATION_SYSTEM, d.dischargeDestination(), null)));
        }
        if (d.predictedDischargeDate() != null) {
            e.addExtension(FhirUrls.PLANNED_DISCHARGE_DATE, new DateType(d.predictedDischargeDate().toString()));
        }
        if (d.dischargeReadyDate() != null) {
            e.addExtension(D2aCodes.DISCHARGE_READY_DATE, new DateType(d.dischargeReadyDate().toString()));
        }
        if (d.delayReason() != null) {
            CodeableConcept reason = new CodeableConcept(new Coding(D2aCodes.DELAY_REASON_SYSTEM,
                    d.delayReason().code(), d.delayReason().display()));
            if (d.delayNote() != null) {
                reason.setText(d.delayNote());
            }
            e.addExtension(D2aCodes.DISCHARGE_DELAY_REASON, reason);
        }
        if (d.ward() != null) {
            e.addLocation().setLocation(new Reference().setDisplay(d.ward()));
        }
        e.setServiceProvider(ref(hospital));
        return e;
    }

    private static Organization hospital(D2aStay d, String id) {
        Organization o = new Organization();
        o.setId(id);
        o.getMeta().addProfile(FhirUrls.UKCORE_ORGANIZATION);
        o.addIdentifier().setSystem(FhirUrls.ODS_ORGANIZATION_CODE).setValue(d.hospitalOdsCode());
        contact(o, d.contactName(), d.contactPhone());
        return o;
    }

    private static ServiceRequest serviceRequest(D2aStay d, String id, Patient patient, Encounter encounter,
                                                 Organization hospital) {
        ServiceRequest sr = new ServiceRequest();
        sr.setId(id);
        sr.getMeta().addProfile(D2aCodes.UKCORE_SERVICE_REQUEST);
        sr.addIdentifier().setSystem(D2aCodes.REFERRAL_ID_PREFIX + d.hospitalOdsCode()).setValue(d.referralId());
        sr.setStatus(d.event() == SeamlessEvent.D2A_CANCELLED ? ServiceRequest.ServiceRequestStatus.REVOKED
                : d.event() == SeamlessEvent.D2A_DISCHARGED ? ServiceRequest.ServiceRequestStatus.COMPLETED
                : ServiceRequest.ServiceRequestStatus.ACTIVE);
        sr.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
        if (d.pathway() != null) {
            sr.setCode(new CodeableConcept(new Coding(D2aCodes.PATHWAY_SYSTEM, d.pathway().code(), d.pathway().display())));
        }
        sr.setSubject(ref(patient));
        sr.setEncounter(ref(encounter));
        sr.setRequester(ref(hospital));
        if (d.needsSummary() != null) {
            sr.addNote(new Annotation().setText(d.needsSummary()));
        }
        if (d.unpaidCarerInvolved() != null) {
            sr.addExtension(UNPAID_CARER, new BooleanType(d.unpaidCarerInvolved()));
        }
        if (d.cancellationReason() != null && d.event() == SeamlessEvent.D2A_CANCELLED) {
            sr.addReasonCode().setText(d.cancellationReason());
        }
        return sr;
    }

    // ---------------------------------------------------------------- council events

    /** The message for a council event. Same facts give an identical bundle. */
    public static Bundle build(D2aAnswer a) {
        String id = a.messageId();
        Organization council = new Organization();
        council.setId(ResourceIds.derived(id, "Organization"));
        council.getMeta().addProfile(FhirUrls.UKCORE_ORGANIZATION);
        if (a.councilAgencyId() != null) {
            council.addIdentifier().setSystem(D2aCodes.AGENCY_SYSTEM).setValue(a.councilAgencyId());
        }
        contact(council, a.contactName(), a.contactPhone());
        Patient patient = new Patient();
        patient.setId(ResourceIds.derived(id, "Patient"));
        patient.getMeta().addProfile(FhirUrls.UKCORE_PATIENT);
        patient.addIdentifier(nhsNumberIdentifier(a.nhsNumber()));

        Task task = new Task();
        task.setId(ResourceIds.derived(id, "Task"));
        task.getMeta().addProfile(D2aCodes.UKCORE_TASK);
        task.setStatus(a.event() == SeamlessEvent.D2A_ACKNOWLEDGEMENT ? Task.TaskStatus.ACCEPTED
                : Task.TaskStatus.COMPLETED);
        task.setIntent(Task.TaskIntent.ORDER);
        task.setCode(new CodeableConcept(new Coding(SeamlessEvent.SYSTEM, a.event().code(), a.event().display())));
        if (a.outcome() != null) {
            task.setBusinessStatus(new CodeableConcept(new Coding(D2aCodes.OUTCOME_SYSTEM, a.outcome().code(),
                    a.outcome().display())));
        }
        if (a.confirmedPathway() != null) {
            task.addInput().setType(new CodeableConcept().setText("confirmed-pathway"))
                    .setValue(new CodeableConcept(new Coding(D2aCodes.PATHWAY_SYSTEM, a.confirmedPathway().code(),
                            a.confirmedPathway().display())));
        }
        if (a.referralId() != null && a.hospitalOdsCode() != null) {
            task.setFocus(new Reference().setType("ServiceRequest").setIdentifier(new Identifier()
                    .setSystem(D2aCodes.REFERRAL_ID_PREFIX + a.hospitalOdsCode()).setValue(a.referralId())));
        }
        if (a.spellId() != null && a.hospitalOdsCode() != null) {
            task.setEncounter(new Reference().setType("Encounter").setIdentifier(new Identifier()
                    .setSystem(FhirUrls.HOSPITAL_SPELL_PREFIX + a.hospitalOdsCode()).setValue(a.spellId())));
        }
        if (a.hospitalOdsCode() != null) {
            task.setRequester(new Reference().setType("Organization").setIdentifier(new Identifier()
                    .setSystem(FhirUrls.ODS_ORGANIZATION_CODE).setValue(a.hospitalOdsCode())));
        }
        task.setFor(ref(patient));
        task.setOwner(ref(council));
        task.setAuthoredOnElement(new DateTimeType(Date.from(a.sentAt()), TemporalPrecisionEnum.SECOND,
                TimeZone.getTimeZone("UTC")));
        if (a.note() != null) {
            task.addNote(new Annotation().setText(a.note()));
        }

        EpisodeOfCare episode = null;
        Organization provider = null;
        if (a.packageId() != null) {
            provider = new Organization();
            provider.setId(ResourceIds.derived(id, "Provider"));
            provider.getMeta().addProfile(FhirUrls.UKCORE_ORGANIZATION);
            if (a.providerAgencyId() != null) {
                provider.addIdentifier().setSystem(D2aCodes.AGENCY_SYSTEM).setValue(a.providerAgencyId());
            }
            if (a.providerCqcLocationId() != null) {
                provider.addIdentifier().setSystem(D2aCodes.CQC_LOCATION_SYSTEM).setValue(a.providerCqcLocationId());
            }
            provider.setName(a.providerName());
            if (a.providerPhone() != null) {
                provider.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE)
                        .setUse(ContactPoint.ContactPointUse.WORK).setValue(a.providerPhone());
            }
            episode = new EpisodeOfCare();
            episode.setId(ResourceIds.derived(id, "EpisodeOfCare"));
            episode.getMeta().addProfile(D2aCodes.UKCORE_EPISODE_OF_CARE);
            episode.addIdentifier().setSystem(D2aCodes.CARE_PACKAGE_ID_PREFIX
                    + (a.councilAgencyId() == null ? "unknown" : a.councilAgencyId())).setValue(a.packageId());
            episode.setStatus(a.event() == SeamlessEvent.D2A_CARE_ARRANGED ? EpisodeOfCare.EpisodeOfCareStatus.PLANNED
                    : EpisodeOfCare.EpisodeOfCareStatus.ACTIVE);
            episode.addType(new CodeableConcept(new Coding(D2aCodes.CARE_PACKAGE_TYPE_SYSTEM, a.packageType().code(),
                    a.packageType().display())));
            episode.setPatient(ref(patient));
            episode.setManagingOrganization(ref(provider));
            if (a.careStartDate() != null) {
                episode.getPeriod().setStartElement(new DateTimeType(a.careStartDate().toString()));
            }
            task.addOutput().setType(new CodeableConcept().setText("care-package")).setValue(ref(episode));
        }

        MessageHeader header = new MessageHeader();
        header.setId(id);
        header.getMeta().addProfile(FhirUrls.UKCORE_MESSAGE_HEADER);
        header.setEvent(new Coding(SeamlessEvent.SYSTEM, a.event().code(), a.event().display()));
        header.setSender(ref(council));
        header.getSource().setEndpoint(AGENCY_ENDPOINT_PREFIX
                + (a.councilAgencyId() == null ? "unknown" : a.councilAgencyId()));
        if (a.hospitalOdsCode() != null) {
            header.addDestination().setEndpoint(FhirUrls.ODS_ENDPOINT_PREFIX + a.hospitalOdsCode());
        }
        header.getResponse().setIdentifier(a.inReplyTo()).setCode(MessageHeader.ResponseType.OK);
        header.addFocus(ref(task));
        if (episode != null) {
            header.addFocus(ref(episode));
        }
        return bundle(a.sentAt(), header, patient, council, task, episode, provider);
    }

    public static String buildJson(D2aAnswer a) {
        return MessageBundles.toJson(build(a));
    }

    // ---------------------------------------------------------------- shared

    private static Bundle bundle(Instant at, Resource... resources) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.MESSAGE).setTimestampElement(instant(at));
        for (Resource r : resources) {
            if (r != null) {
                bundle.addEntry().setFullUrl(ResourceIds.urn(r.getIdElement().getIdPart())).setResource(r);
            }
        }
        return bundle;
    }

    private static void contact(Organization o, String name, String phone) {
        if (name == null && phone == null) {
            return;
        }
        Organization.OrganizationContactComponent c = o.addContact();
        c.setPurpose(new CodeableConcept(new Coding(FhirUrls.CONTACT_ENTITY_TYPE, "PATINF", "Patient")));
        if (name != null) {
            c.setName(new HumanName().setText(name));
        }
        if (phone != null) {
            c.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setUse(ContactPoint.ContactPointUse.WORK)
                    .setValue(phone);
        }
    }

    private static Identifier nhsNumberIdentifier(NhsNumber nhsNumber) {
        return NoticeMessages.nhsNumberIdentifier(nhsNumber);
    }

    static DateTimeType dateTime(OffsetDateTime at) {
        return new DateTimeType(Date.from(at.toInstant()), TemporalPrecisionEnum.SECOND,
                TimeZone.getTimeZone(at.getOffset()));
    }

    static InstantType instant(Instant at) {
        TemporalPrecisionEnum precision = at.getNano() == 0 ? TemporalPrecisionEnum.SECOND : TemporalPrecisionEnum.MILLI;
        InstantType type = new InstantType(Date.from(at), precision, TimeZone.getTimeZone("UTC"));
        type.setTimeZoneZulu(true);
        return type;
    }

    static LocalDate date(DateType date) {
        return LocalDate.of(date.getYear(), date.getMonth() + 1, date.getDay());
    }

    private static Reference ref(IBaseResource r) {
        return new Reference(ResourceIds.urn(r.getIdElement().getIdPart()));
    }
}
