package org.seamless.mappings.vcs;

import java.time.Instant;
import java.util.Date;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.message.FhirUrls;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.mappings.message.ResourceIds;

/**
 * Builds the canonical referral-outcome message: MessageHeader (event referral-outcome), Patient
 * (the referral's subject, by NHS number, from the referral as the hub received it), ServiceRequest
 * (the referral, by its identifier), Task (status, businessStatus = outcome code, statusReason =
 * reason, basedOn the referral, owner = the service, requester = the referrer by agency identifier),
 * Organization (the service). The hub routes an outcome to its {@code Task.requester} only.
 */
public final class OutcomeMessages {
    private OutcomeMessages() {
    }

    /**
     * The outcome of {@code originalReferral} (the referral message as the hub received it, so the
     * subject is identified even when the service was sent a pseudonymised notice).
     */
    public static Bundle outcome(OutcomeSubmission o, Bundle originalReferral, String referralId,
                                 ReferralMessages.Party service, String referrerAgency, String messageId, Instant at) {
        Patient original = MessageBundles.patient(originalReferral)
                .orElseThrow(() -> new IllegalArgumentException("the referral has no Patient"));
        Patient patient = new Patient();
        patient.setId(ResourceIds.derived(messageId, "Patient"));
        patient.getMeta().addProfile(FhirUrls.UKCORE_PATIENT);
        original.getIdentifier().stream().filter(i -> NhsNumber.SYSTEM.equals(i.getSystem())).findFirst()
                .ifPresent(i -> patient.addIdentifier(i.copy()));
        original.getName().forEach(n -> patient.addName(n.copy()));
        if (original.hasBirthDateElement()) {
            patient.setBirthDateElement(original.getBirthDateElement().copy());
        }
        Reference patientRef = new Reference(ResourceIds.urn(patient.getIdElement().getIdPart()));

        ServiceRequest sr = new ServiceRequest();
        sr.setId(ResourceIds.derived(messageId, "ServiceRequest"));
        sr.addIdentifier().setSystem(VcsFhir.REFERRAL_SYSTEM).setValue(referralId);
        sr.setStatus(o.status().equals("completed") || o.status().equals("rejected") || o.status().equals("cancelled")
                ? ServiceRequest.ServiceRequestStatus.COMPLETED : ServiceRequest.ServiceRequestStatus.ACTIVE);
        sr.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
        sr.setSubject(patientRef);

        Organization org = new Organization();
        org.setId(ResourceIds.derived(messageId, "Organization"));
        org.addIdentifier().setSystem(VcsFhir.AGENCY_SYSTEM).setValue(service.agencyId());
        if (service.odsCode() != null) {
            org.addIdentifier().setSystem(FhirUrls.ODS_ORGANIZATION_CODE).setValue(service.odsCode());
        }
        org.setName(service.name());
        Reference orgRef = new Reference(ResourceIds.urn(org.getIdElement().getIdPart()));

        Task task = new Task();
        task.setId(ResourceIds.derived(messageId, "Task"));
        task.addIdentifier().setSystem(VcsFhir.OUTCOME_SYSTEM).setValue(messageId);
        task.setStatus(Task.TaskStatus.fromCode(o.status()));
        task.setIntent(Task.TaskIntent.ORDER);
        task.addBasedOn(new Reference(ResourceIds.urn(sr.getIdElement().getIdPart()))
                .setIdentifier(new Identifier().setSystem(VcsFhir.REFERRAL_SYSTEM).setValue(referralId)));
        task.setFocus(new Reference(ResourceIds.urn(sr.getIdElement().getIdPart())));
        task.setFor(patientRef.copy());
        task.setOwner(orgRef.copy());
        task.setRequester(new Reference().setIdentifier(new Identifier().setSystem(VcsFhir.AGENCY_SYSTEM)
                .setValue(referrerAgency)));
        if (o.outcome() != null) {
            task.setBusinessStatus(new CodeableConcept(new Coding(VcsFhir.OUTCOME_CODE_SYSTEM, o.outcome(), null)));
        }
        if (o.reason() != null && !o.reason().isBlank()) {
            task.setStatusReason(new CodeableConcept().setText(o.reason()));
        }
        task.setLastModifiedElement(VcsFhir.utc(at));

        MessageHeader h = new MessageHeader();
        h.setId(messageId);
        h.getMeta().addProfile(FhirUrls.UKCORE_MESSAGE_HEADER);
        h.setEvent(new Coding(SeamlessEvent.SYSTEM, SeamlessEvent.REFERRAL_OUTCOME.code(),
                SeamlessEvent.REFERRAL_OUTCOME.display()));
        h.setSender(orgRef.copy());
        h.getSource().setEndpoint(ReferralMessages.endpoint(org));
        h.addDestination().setEndpoint(VcsFhir.AGENCY_ENDPOINT_PREFIX + referrerAgency);
        h.addFocus(new Reference(ResourceIds.urn(task.getIdElement().getIdPart())));
        Bundle b = new Bundle().setType(Bundle.BundleType.MESSAGE);
        InstantType ts = new InstantType(Date.from(at));
        ts.setTimeZoneZulu(true);
        b.setTimestampElement(ts);
        for (Resource r : new Resource[] {h, patient, task, sr, org}) {
            b.addEntry().setFullUrl(ResourceIds.urn(r.getIdElement().getIdPart())).setResource(r);
        }
        return b;
    }

    /** The agency id an outcome is addressed to ({@code Task.requester}), if any. */
    public static java.util.Optional<String> addressee(Bundle outcome) {
        return MessageBundles.first(outcome, Task.class).map(Task::getRequester).map(Reference::getIdentifier)
                .filter(i -> VcsFhir.AGENCY_SYSTEM.equals(i.getSystem()) && i.hasValue()).map(Identifier::getValue);
    }
}
