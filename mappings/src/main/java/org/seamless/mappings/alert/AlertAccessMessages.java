package org.seamless.mappings.alert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.message.FhirUrls;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.mappings.message.ResourceIds;

/**
 * The canonical alert-access message ("child X was seen at setting Y of organisation Z at time T"):
 * MessageHeader (alert-access, focus the Encounter), Patient (NHS number only), Encounter (period start =
 * the access, serviceProvider = the caller's Organization, location = the setting as a logical
 * reference), the caller's Organization, and one Flag per viewed alert (identifier, code, subject).
 * {@link #read(Bundle)} reads the released form back for the LA's CSV row or SOAP call.
 */
public final class AlertAccessMessages {
    private AlertAccessMessages() {
    }

    public static Bundle message(AlertAccess a, String messageId) {
        Patient patient = AlertMessages.patient(a.nhsNumber(), ResourceIds.derived(messageId, "Patient"));
        Organization caller = new Organization();
        caller.setId(ResourceIds.derived(messageId, "Organization"));
        caller.getMeta().addProfile(FhirUrls.UKCORE_ORGANIZATION);
        if (a.callerOdsCode() != null && !a.callerOdsCode().isBlank()) {
            caller.addIdentifier().setSystem(FhirUrls.ODS_ORGANIZATION_CODE).setValue(a.callerOdsCode());
        }
        caller.setName(a.callerName());
        Encounter encounter = new Encounter();
        encounter.setId(ResourceIds.derived(messageId, "Encounter"));
        encounter.setStatus(Encounter.EncounterStatus.UNKNOWN);
        // why: the caller's setting, not the visit's class, is known; a null flavour says so
        encounter.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-NullFlavor", "UNK", "unknown"));
        encounter.setSubject(ref(patient));
        encounter.getPeriod().setStartElement(new DateTimeType(Date.from(a.accessedAt())));
        encounter.setServiceProvider(ref(caller));
        encounter.addLocation().setLocation(new Reference().setType("Location").setDisplay(a.settingName())
                .setIdentifier(new Identifier().setSystem(AlertAccess.SETTING_SYSTEM)
                        .setValue(a.callerAgencyId() + "/" + a.settingId())));
        List<Resource> resources = new ArrayList<>(List.of(patient, encounter, caller));
        int i = 0;
        for (AlertAccess.Viewed v : a.flags()) {
            Flag f = new Flag();
            f.setId(ResourceIds.derived(messageId, "Flag-" + i++));
            f.setStatus(Flag.FlagStatus.ACTIVE);
            f.addIdentifier().setSystem(SocialCareAlert.IDENTIFIER_SYSTEM).setValue(v.identifierValue());
            f.setCode(new CodeableConcept(new Coding(AlertType.SYSTEM, v.type().code(), v.type().display())));
            f.setSubject(ref(patient));
            resources.add(f);
        }
        MessageHeader header = new MessageHeader();
        header.setId(messageId);
        header.getMeta().addProfile(FhirUrls.UKCORE_MESSAGE_HEADER);
        header.setEvent(new Coding(SeamlessEvent.SYSTEM, SeamlessEvent.ALERT_ACCESS.code(),
                SeamlessEvent.ALERT_ACCESS.display()));
        header.setSender(ref(caller));
        header.getSource().setEndpoint("urn:seamless:agency:" + a.callerAgencyId());
        header.addFocus(ref(encounter));
        Bundle bundle = new Bundle().setType(Bundle.BundleType.MESSAGE)
                .setTimestampElement(new InstantType(Date.from(a.accessedAt())));
        bundle.addEntry().setFullUrl(ResourceIds.urn(messageId)).setResource(header);
        resources.forEach(r -> bundle.addEntry().setFullUrl(ResourceIds.urn(r.getIdElement().getIdPart())).setResource(r));
        return bundle;
    }

    /** What a released access message says, for the LA's case system (absent elements are null). */
    public record Read(String nhsNumber, String accessedAt, String organisationOds, String organisationName,
                       String setting, String settingName, List<String> alertIds, List<String> alertTypes) {
    }

    /** Reads a (released, minimised) access message. {@code owner} keeps only the LA's own alert ids, without its prefix. */
    public static Read read(Bundle message, String owner) {
        String nhs = MessageBundles.patient(message).flatMap(p -> p.getIdentifier().stream()
                .filter(id -> NhsNumber.SYSTEM.equals(id.getSystem())).map(Identifier::getValue).findFirst()).orElse(null);
        Optional<Encounter> enc = MessageBundles.first(message, Encounter.class);
        String at = enc.filter(e -> e.getPeriod().hasStart()).map(e -> e.getPeriod().getStartElement().getValueAsString())
                .orElse(null);
        Optional<Organization> org = enc.flatMap(e -> MessageBundles.resolve(message, e.getServiceProvider()))
                .filter(Organization.class::isInstance).map(Organization.class::cast);
        String ods = org.flatMap(o -> o.getIdentifier().stream().filter(id -> FhirUrls.ODS_ORGANIZATION_CODE
                .equals(id.getSystem())).map(Identifier::getValue).findFirst()).orElse(null);
        Optional<Reference> location = enc.flatMap(e -> e.getLocation().stream().findFirst())
                .map(Encounter.EncounterLocationComponent::getLocation);
        String prefix = owner + "/";
        List<String> ids = new ArrayList<>();
        List<String> types = new ArrayList<>();
        for (Flag f : MessageBundles.all(message, Flag.class)) {
            AlertFlags.businessIdentifier(f).map(Identifier::getValue).filter(v -> v.startsWith(prefix)).ifPresent(v -> {
                ids.add(v.substring(prefix.length()));
                types.add(AlertFlags.type(f).map(AlertType::code).orElse(""));
            });
        }
        return new Read(nhs, at, ods, org.map(Organization::getName).orElse(null),
                location.filter(Reference::hasIdentifier).map(r -> r.getIdentifier().getValue()).orElse(null),
                location.filter(Reference::hasDisplay).map(Reference::getDisplay).orElse(null), ids, types);
    }

    private static Reference ref(Resource r) {
        return new Reference(ResourceIds.urn(r.getIdElement().getIdPart()));
    }
}
