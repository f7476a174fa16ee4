package org.seamless.mappings.vcs;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.message.FhirUrls;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.mappings.message.ResourceIds;

/**
 * Builds the canonical referral message: MessageHeader (event referral, id = referral id), Patient,
 * ServiceRequest (code = service, reasonCode = needs, requester = referring Organization, performer =
 * the receiving agency by its agency identifier), Organization (the referrer). The receiving agency
 * in {@code performer} is what the hub routes an addressed referral by.
 */
public final class ReferralMessages {
    private ReferralMessages() {
    }

    /** The referring or receiving agency: its Seamless id, ODS code (may be null) and name (may be null). */
    public record Party(String agencyId, String odsCode, String name) {
    }

    /** A referral from the JSON API; {@link ReferralChecks#check(ReferralSubmission)} must have passed. */
    public static Bundle referral(ReferralSubmission r, Party from, String messageId, Instant at) {
        return referral(r, from, messageId, at, null);
    }

    /**
     * A referral whose NHS number was settled outside it ({@code resolved}: traced, verified or replaced by PDS,
     * ADR 0079); null reads the submission's own number.
     */
    public static Bundle referral(ReferralSubmission r, Party from, String messageId, Instant at, NhsNumber resolved) {
        ReferralSubmission.Person p = r.person();
        Patient patient = new Patient();
        patient.setId(ResourceIds.derived(messageId, "Patient"));
        patient.getMeta().addProfile(FhirUrls.UKCORE_PATIENT);
        patient.addIdentifier().setSystem(NhsNumber.SYSTEM).setValue(
                (resolved != null ? resolved : NhsNumber.parse(p.nhsNumber())).value());
        if (p.givenName() != null || p.familyName() != null) {
            HumanName n = patient.addName().setUse(HumanName.NameUse.OFFICIAL).setFamily(p.familyName());
            if (p.givenName() != null) {
                n.addGiven(p.givenName());
            }
        }
        if (p.birthDate() != null) {
            patient.setBirthDateElement(new DateType(p.birthDate()));
        }
        if (p.gender() != null) {
            patient.setGender(Enumerations.AdministrativeGender.fromCode(p.gender()));
        }
        if (p.phone() != null) {
            patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(p.phone());
        }
        if (p.address() != null) {
            Address a = patient.addAddress().setUse(Address.AddressUse.HOME).setCity(p.address().city())
                    .setPostalCode(p.address().postcode());
            (p.address().lines() == null ? List.<String>of() : p.address().lines()).forEach(a::addLine);
        }
        ServiceRequest sr = serviceRequest(messageId, r.service(), r.needs(), r.priority(), r.notes(), at);
        return assemble(messageId, patient, sr, organization(from, messageId), r.to(), at);
    }

    /**
     * The home-from-hospital referral a discharge notice triggers for {@code recipientAgency}: the
     * notice's Patient, the planned discharge date as when support should start, the hospital as
     * referrer. The id is derived from the notice's id and the recipient, so a redelivery or a replay
     * of the notice derives the same referral.
     */
    public static Optional<Bundle> homeFromHospital(Bundle dischargeNotice, Party hospital, String recipientAgency,
                                                    Instant at) {
        Optional<String> noticeId = MessageBundles.messageId(dischargeNotice);
        Optional<Patient> source = MessageBundles.patient(dischargeNotice);
        if (noticeId.isEmpty() || source.isEmpty()) {
            return Optional.empty();
        }
        String messageId = derivedReferralId(noticeId.get(), recipientAgency);
        Patient patient = source.get().copy();
        patient.setId(ResourceIds.derived(messageId, "Patient"));
        ServiceRequest sr = serviceRequest(messageId, VcsFhir.HOME_FROM_HOSPITAL, List.of(), "routine", null, at);
        MessageBundles.encounters(dischargeNotice).stream().findFirst()
                .map(e -> e.getExtensionByUrl(FhirUrls.PLANNED_DISCHARGE_DATE))
                .filter(x -> x != null && x.getValue() instanceof DateType)
                .ifPresent(x -> sr.setOccurrence(new DateTimeType(((DateType) x.getValue()).getValueAsString())));
        sr.addNote().setText("Triggered by a hospital discharge notice");
        return Optional.of(assemble(messageId, patient, sr, organization(hospital, messageId), recipientAgency, at));
    }

    /** The id of the referral derived from a discharge notice for one recipient. */
    public static String derivedReferralId(String noticeId, String recipientAgency) {
        return ResourceIds.derived(noticeId, VcsFhir.HOME_FROM_HOSPITAL + "|" + recipientAgency);
    }

    /** The receiving agency id a referral is addressed to ({@code ServiceRequest.performer}), if any. */
    public static Optional<String> addressee(Bundle referral) {
        return MessageBundles.first(referral, ServiceRequest.class).flatMap(sr -> sr.getPerformer().stream()
                .map(Reference::getIdentifier)
                .filter(i -> VcsFhir.AGENCY_SYSTEM.equals(i.getSystem()) && i.hasValue())
                .map(Identifier::getValue).findFirst());
    }

    private static ServiceRequest serviceRequest(String messageId, String service, List<String> needs,
                                                 String priority, String notes, Instant at) {
        ServiceRequest sr = new ServiceRequest();
        sr.setId(ResourceIds.derived(messageId, "ServiceRequest"));
        sr.addIdentifier().setSystem(VcsFhir.REFERRAL_SYSTEM).setValue(messageId);
        sr.setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE);
        sr.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
        sr.setCode(new CodeableConcept(new Coding(VcsFhir.SERVICE_SYSTEM, service, null)));
        (needs == null ? List.<String>of() : needs).forEach(n ->
                sr.addReasonCode(new CodeableConcept(new Coding(VcsFhir.NEED_SYSTEM, n, null))));
        sr.setPriority(ServiceRequest.ServiceRequestPriority.fromCode(priority == null ? "routine" : priority));
        if (notes != null && !notes.isBlank()) {
            sr.addNote().setText(notes);
        }
        sr.setAuthoredOnElement(VcsFhir.utc(at));
        return sr;
    }

    private static Organization organization(Party party, String messageId) {
        Organization o = new Organization();
        o.setId(ResourceIds.derived(messageId, "Organization"));
        o.addIdentifier().setSystem(VcsFhir.AGENCY_SYSTEM).setValue(party.agencyId());
        if (party.odsCode() != null) {
            o.addIdentifier().setSystem(FhirUrls.ODS_ORGANIZATION_CODE).setValue(party.odsCode());
        }
        o.setName(party.name());
        return o;
    }

    private static Bundle assemble(String messageId, Patient patient, ServiceRequest sr, Organization from,
                                   String recipientAgency, Instant at) {
        Reference patientRef = new Reference(ResourceIds.urn(patient.getIdElement().getIdPart()));
        Reference fromRef = new Reference(ResourceIds.urn(from.getIdElement().getIdPart()));
        sr.setSubject(patientRef);
        sr.setRequester(fromRef);
        sr.addPerformer(new Reference().setIdentifier(new Identifier().setSystem(VcsFhir.AGENCY_SYSTEM)
                .setValue(recipientAgency)));
        MessageHeader h = new MessageHeader();
        h.setId(messageId);
        h.getMeta().addProfile(FhirUrls.UKCORE_MESSAGE_HEADER);
        h.setEvent(new Coding(SeamlessEvent.SYSTEM, SeamlessEvent.REFERRAL.code(), SeamlessEvent.REFERRAL.display()));
        h.setSender(fromRef.copy());
        h.getSource().setEndpoint(endpoint(from));
        h.addDestination().setEndpoint(VcsFhir.AGENCY_ENDPOINT_PREFIX + recipientAgency);
        h.addFocus(new Reference(ResourceIds.urn(sr.getIdElement().getIdPart())));
        Bundle b = new Bundle().setType(Bundle.BundleType.MESSAGE);
        InstantType ts = new InstantType(java.util.Date.from(at));
        ts.setTimeZoneZulu(true);
        b.setTimestampElement(ts);
        for (Resource r : new Resource[] {h, patient, sr, from}) {
            b.addEntry().setFullUrl(ResourceIds.urn(r.getIdElement().getIdPart())).setResource(r);
        }
        return b;
    }

    static String endpoint(Organization o) {
        return o.getIdentifier().stream().filter(i -> FhirUrls.ODS_ORGANIZATION_CODE.equals(i.getSystem()))
                .findFirst().map(i -> FhirUrls.ODS_ENDPOINT_PREFIX + i.getValue())
                .orElseGet(() -> VcsFhir.AGENCY_ENDPOINT_PREFIX + o.getIdentifierFirstRep().getValue());
    }
}
