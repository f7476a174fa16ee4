package org.seamless.mappings.d2a;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.message.FhirUrls;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.mappings.message.NoticeMessages;
import org.seamless.mappings.message.ResourceIds;

/**
 * Builds the {@code home-care-suspend} / {@code home-care-resume} message for a provider (ADR 0063): a
 * FHIR R4 message with MessageHeader (sender the hospital, destination the provider), Patient (NHS
 * number, name, date of birth, home address line 1 and postcode only), Organization (the hospital: ODS
 * code and the ward's phone) and a UK Core Task (code = the event, focus = the package by the council's
 * identifier, owner = the provider by agency id, executionPeriod.start = from when, businessStatus = what
 * to do with the visits, note = the same in words). Same notice gives an identical bundle.
 */
public final class HomeCareMessages {
    /** What the provider does with the visits ({@code Task.businessStatus}). */
    public static final String VISITS_SYSTEM = "https://seamless.dev/fhir/CodeSystem/home-care-visits";

    private HomeCareMessages() {
    }

    public static Bundle build(HomeCareNotice n) {
        String id = n.messageId();
        Organization hospital = new Organization();
        hospital.setId(ResourceIds.derived(id, "Organization"));
        hospital.getMeta().addProfile(FhirUrls.UKCORE_ORGANIZATION);
        hospital.addIdentifier().setSystem(FhirUrls.ODS_ORGANIZATION_CODE).setValue(n.hospitalOdsCode());
        if (n.wardPhone() != null) {
            hospital.addContact().setPurpose(new CodeableConcept(new Coding(FhirUrls.CONTACT_ENTITY_TYPE, "PATINF",
                    "Patient"))).addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE)
                    .setUse(ContactPoint.ContactPointUse.WORK).setValue(n.wardPhone());
        }
        Patient patient = NoticeMessages.patient(ResourceIds.derived(id, "Patient"), n.nhsNumber(), n.givenName(),
                n.familyName(), null, null, n.birthDate(), n.addressLine1() == null ? List.of()
                        : List.of(n.addressLine1()), null, n.postcode());

        HomeCarePackage pkg = n.homeCarePackage();
        Task task = new Task();
        task.setId(ResourceIds.derived(id, "Task"));
        task.getMeta().addProfile(D2aCodes.UKCORE_TASK);
        task.setStatus(Task.TaskStatus.REQUESTED);
        task.setIntent(Task.TaskIntent.ORDER);
        task.setCode(new CodeableConcept(new Coding(SeamlessEvent.SYSTEM, n.event().code(), n.event().display())));
        task.setBusinessStatus(new CodeableConcept(new Coding(VISITS_SYSTEM, n.visits().code(), n.visits().display())));
        task.setFocus(new Reference().setType("EpisodeOfCare").setIdentifier(new Identifier()
                .setSystem(D2aCodes.CARE_PACKAGE_ID_PREFIX + pkg.councilAgencyId()).setValue(pkg.packageId())));
        task.setFor(ref(patient));
        task.setRequester(ref(hospital));
        task.setOwner(new Reference().setType("Organization").setIdentifier(new Identifier()
                .setSystem(D2aCodes.AGENCY_SYSTEM).setValue(pkg.providerAgencyId())));
        task.getExecutionPeriod().setStartElement(new DateTimeType(n.from()));
        task.setAuthoredOnElement(new DateTimeType(Date.from(n.sentAt()), TemporalPrecisionEnum.SECOND,
                TimeZone.getTimeZone("UTC")));
        task.addNote(new Annotation().setText(n.visits().display()));

        MessageHeader header = new MessageHeader();
        header.setId(id);
        header.getMeta().addProfile(FhirUrls.UKCORE_MESSAGE_HEADER);
        header.setEvent(new Coding(SeamlessEvent.SYSTEM, n.event().code(), n.event().display()));
        header.setSender(ref(hospital));
        header.getSource().setEndpoint(FhirUrls.ODS_ENDPOINT_PREFIX + n.hospitalOdsCode());
        header.addDestination().setEndpoint(D2aMessages.AGENCY_ENDPOINT_PREFIX + pkg.providerAgencyId());
        header.addFocus(ref(task));
        return bundle(n.sentAt(), header, patient, hospital, task);
    }

    public static String buildJson(HomeCareNotice n) {
        return MessageBundles.toJson(build(n));
    }

    private static Bundle bundle(Instant at, Resource... resources) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.MESSAGE).setTimestampElement(D2aMessages.instant(at));
        for (Resource r : resources) {
            bundle.addEntry().setFullUrl(ResourceIds.urn(r.getIdElement().getIdPart())).setResource(r);
        }
        return bundle;
    }

    private static Reference ref(Resource r) {
        return new Reference(ResourceIds.urn(r.getIdElement().getIdPart()));
    }
}
