package org.seamless.mappings.alert;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.canonical.NhsNumberVerification;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.message.FhirUrls;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.mappings.message.ResourceIds;

/**
 * The canonical alert message: entry 0 MessageHeader (alert-start, -update or -end), then Patient
 * (NHS number only), Flag (UK Core Flag) and Organization (the LA, with the allocated team's contact).
 * {@link #alert(Bundle)} reads one back. Same inputs give an identical bundle.
 */
public final class AlertMessages {
    public static final String UKCORE_FLAG = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-Flag";
    public static final String REVIEW_DATE = "https://seamless.dev/fhir/StructureDefinition/alert-review-date";

    private AlertMessages() {
    }

    /** The event for an alert as the LA states it: an ended or deleted alert is an alert-end. */
    public static SeamlessEvent eventFor(SocialCareAlert a, boolean known, LocalDate today) {
        if (!a.activeOn(today)) {
            return SeamlessEvent.ALERT_END;
        }
        return known ? SeamlessEvent.ALERT_UPDATE : SeamlessEvent.ALERT_START;
    }

    /** The message for one alert. {@code sentAt} is the bundle timestamp. */
    public static Bundle message(SocialCareAlert a, SeamlessEvent event, String messageId, Instant sentAt, LocalDate today) {
        Organization la = organization(a, ResourceIds.derived(messageId, "Organization"));
        Patient patient = patient(a.nhsNumber(), ResourceIds.derived(messageId, "Patient"));
        Flag flag = AlertFlags.flag(a, today);
        flag.setId(ResourceIds.derived(messageId, "Flag"));
        flag.setSubject(ref(patient));
        flag.setAuthor(ref(la));
        MessageHeader header = new MessageHeader();
        header.setId(messageId);
        header.getMeta().addProfile(FhirUrls.UKCORE_MESSAGE_HEADER);
        header.setEvent(new Coding(SeamlessEvent.SYSTEM, event.code(), event.display()));
        header.setSender(ref(la));
        header.getSource().setEndpoint("urn:seamless:agency:" + a.laAgencyId());
        header.addFocus(ref(flag));
        Bundle bundle = new Bundle().setType(Bundle.BundleType.MESSAGE)
                .setTimestampElement(new InstantType(Date.from(sentAt)));
        for (Resource r : new Resource[] {header, patient, flag, la}) {
            bundle.addEntry().setFullUrl(ResourceIds.urn(r.getIdElement().getIdPart())).setResource(r);
        }
        return bundle;
    }

    /** A canonical alert message and its JSON, identical to {@code MessageBundles.toJson(message)}. */
    public record Encoded(Bundle message, String json) {
    }

    /**
     * The message for one alert ({@link #message}), its NHS number marked verified when {@code nhsNumberVerified}
     * ({@link NhsNumberVerification#markVerified}), and its JSON written directly, character for character what
     * {@code MessageBundles.toJson(message)} gives (ADR 0091: HAPI's encoding was half of an import's CPU). An alert
     * the direct writer does not cover (a year outside 1000-9999) is encoded by HAPI.
     */
    public static Encoded encoded(SocialCareAlert a, SeamlessEvent event, String messageId, Instant sentAt,
                                  LocalDate today, boolean nhsNumberVerified) {
        Bundle message = message(a, event, messageId, sentAt, today);
        if (nhsNumberVerified) {
            NhsNumberVerification.markVerified(message);
        }
        String json = AlertMessageJson.covers(a)
                ? AlertMessageJson.write(a, event, messageId, sentAt, today, nhsNumberVerified)
                : MessageBundles.toJson(message);
        return new Encoded(message, json);
    }

    /** The Flag of an alert message (the first Flag entry). */
    public static Optional<Flag> flag(Bundle message) {
        return MessageBundles.first(message, Flag.class);
    }

    /** Reads an alert back from its canonical message; the agency id comes from the caller (the authenticated source). */
    public static SocialCareAlert alert(Bundle message, String laAgencyId) {
        Flag flag = flag(message).orElseThrow(() -> new IllegalArgumentException("alert message has no Flag"));
        Organization la = MessageBundles.first(message, Organization.class).orElse(new Organization());
        Patient patient = MessageBundles.patient(message).orElseThrow(() -> new IllegalArgumentException("no Patient"));
        NhsNumber nhs = NhsNumber.parse(patient.getIdentifier().stream()
                .filter(i -> NhsNumber.SYSTEM.equals(i.getSystem())).map(Identifier::getValue).findFirst().orElse(null));
        String value = flag.getIdentifier().stream().filter(i -> SocialCareAlert.IDENTIFIER_SYSTEM.equals(i.getSystem()))
                .map(Identifier::getValue).findFirst().orElseThrow(() -> new IllegalArgumentException("no alert identifier"));
        String prefix = laAgencyId + "/";
        if (!value.startsWith(prefix)) {
            throw new IllegalArgumentException("alert identifier is not in the sending agency's namespace");
        }
        AlertType type = AlertFlags.type(flag).orElseThrow(() -> new IllegalArgumentException("unknown alert type"));
        LocalDate review = flag.hasExtension(REVIEW_DATE)
                ? LocalDate.parse(flag.getExtensionByUrl(REVIEW_DATE).getValue().primitiveValue()) : null;
        Organization.OrganizationContactComponent contact = la.getContactFirstRep();
        String team = contact.hasName() ? contact.getName().getText() : null;
        String phone = contact.getTelecom().stream().map(ContactPoint::getValue).findFirst().orElse(null);
        boolean deleted = flag.getMeta().getTag().stream().anyMatch(t -> AlertFlags.DELETED_TAG.equals(t.getCode()));
        return new SocialCareAlert(laAgencyId, la.getIdentifierFirstRep().getValue(), la.getName(),
                value.substring(prefix.length()), nhs, type, local(flag.getPeriod().getStartElement().getValueAsString()),
                flag.getPeriod().hasEnd() ? local(flag.getPeriod().getEndElement().getValueAsString()) : null, review,
                deleted, team, phone);
    }

    private static LocalDate local(String fhirDate) {
        return LocalDate.parse(fhirDate.length() > 10 ? fhirDate.substring(0, 10) : fhirDate);
    }

    static Patient patient(NhsNumber nhs, String id) {
        Patient p = new Patient();
        p.setId(id);
        p.getMeta().addProfile(FhirUrls.UKCORE_PATIENT);
        p.addIdentifier().setSystem(NhsNumber.SYSTEM).setValue(nhs.value());
        return p;
    }

    static Organization organization(SocialCareAlert a, String id) {
        Organization o = new Organization();
        if (id != null) {
            o.setId(id);
        }
        o.getMeta().addProfile(FhirUrls.UKCORE_ORGANIZATION);
        if (a.laOdsCode() != null && !a.laOdsCode().isBlank()) {
            o.addIdentifier().setSystem(FhirUrls.ODS_ORGANIZATION_CODE).setValue(a.laOdsCode());
        }
        o.setName(a.laName());
        if (a.teamName() != null || a.teamPhone() != null) {
            Organization.OrganizationContactComponent c = o.addContact();
            if (a.teamName() != null) {
                c.setName(new HumanName().setText(a.teamName()));
            }
            if (a.teamPhone() != null) {
                c.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE)
                        .setUse(ContactPoint.ContactPointUse.WORK).setValue(a.teamPhone());
            }
        }
        return o;
    }

    static DateType date(LocalDate d) {
        return new DateType(d.toString());
    }

    private static Reference ref(Resource r) {
        return new Reference(ResourceIds.urn(r.getIdElement().getIdPart()));
    }

    /** Unused coding helper kept package-private for the flag builder. */
    static CodeableConcept concept(String system, String code, String display) {
        return new CodeableConcept(new Coding(system, code, display));
    }
}
