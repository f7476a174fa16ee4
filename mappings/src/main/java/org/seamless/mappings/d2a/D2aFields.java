package org.seamless.mappings.d2a;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.message.FhirUrls;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.mappings.message.NoticeFields;

/**
 * Reads a discharge to assess message (the shape {@link D2aMessages} builds) back into its facts.
 * Throws {@link IllegalArgumentException} naming the missing or wrong element (never a value).
 */
public final class D2aFields {
    /** UK Core extension on Address carrying the UPRN ({@code type} = UPRN, {@code value}). */
    public static final String ADDRESS_KEY = "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-AddressKey";
    public static final String ADDRESS_KEY_TYPE = "https://fhir.hl7.org.uk/CodeSystem/UKCore-AddressKeyType";

    private D2aFields() {
    }

    /** The event of a discharge to assess message; empty for any other message. */
    public static Optional<SeamlessEvent> event(Bundle bundle) {
        return MessageBundles.event(bundle).filter(D2aCodes::isD2a);
    }

    /** The UPRN of the patient's home address, when the message carries one. */
    public static Optional<String> uprn(Patient patient) {
        return patient.getAddress().stream().filter(a -> a.getUse() != Address.AddressUse.OLD)
                .flatMap(a -> a.getExtensionsByUrl(ADDRESS_KEY).stream())
                .filter(k -> k.getExtensionByUrl("type") != null
                        && k.getExtensionByUrl("type").getValue() instanceof CodeableConcept cc
                        && cc.getCoding().stream().anyMatch(c -> "UPRN".equals(c.getCode())))
                .map(k -> k.getExtensionByUrl("value")).filter(v -> v != null && v.hasValue())
                .map(v -> v.getValue().primitiveValue()).findFirst();
    }

    /** The trust event's facts. */
    public static D2aStay stay(Bundle bundle) {
        MessageHeader header = MessageBundles.header(bundle).orElseThrow(() -> missing("MessageHeader"));
        SeamlessEvent event = event(bundle).filter(D2aCodes.FROM_HOSPITAL::contains)
                .orElseThrow(() -> missing("a trust discharge to assess event in MessageHeader.eventCoding"));
        Patient patient = MessageBundles.patient(bundle).orElseThrow(() -> missing("Patient"));
        Encounter encounter = NoticeFields.encounter(bundle).orElseThrow(() -> missing("Encounter"));
        Organization hospital = NoticeFields.hospital(bundle).orElseThrow(() -> missing("MessageHeader.sender"));
        Optional<ServiceRequest> referral = MessageBundles.first(bundle, ServiceRequest.class);

        D2aStay.Builder b = D2aStay.builder();
        b.messageId = MessageBundles.idOf(header);
        b.event = event;
        b.sentAt = bundle.hasTimestamp() ? bundle.getTimestamp().toInstant() : null;
        b.nhsNumber = patient.getIdentifier().stream().filter(i -> NhsNumber.SYSTEM.equals(i.getSystem()))
                .map(i -> NhsNumber.parse(i.getValue())).findFirst().orElseThrow(() -> missing("Patient NHS number"));
        Optional<HumanName> name = patient.getName().stream().findFirst();
        b.familyName = name.map(HumanName::getFamily).orElse(null);
        b.givenName = name.filter(HumanName::hasGiven).map(n -> String.join(" ", n.getGiven().stream()
                .map(g -> g.getValue()).toList())).orElse(null);
        b.birthDate = patient.hasBirthDateElement() ? D2aMessages.date(patient.getBirthDateElement()) : null;
        b.gender = patient.getGender();
        b.phone = patient.getTelecom().stream().filter(t -> t.getSystem() == org.hl7.fhir.r4.model.ContactPoint
                .ContactPointSystem.PHONE).map(t -> t.getValue()).findFirst().orElse(null);
        Optional<Address> home = patient.getAddress().stream().filter(a -> a.getUse() != Address.AddressUse.OLD)
                .findFirst();
        b.addressLines = home.map(a -> a.getLine().stream().map(l -> l.getValue()).toList()).orElse(java.util.List.of());
        b.city = home.map(Address::getCity).orElse(null);
        b.postcode = home.map(Address::getPostalCode).orElse(null);
        b.uprn = uprn(patient).orElse(null);
        b.spellId = NoticeFields.spellNumber(encounter).orElseThrow(() -> missing("Encounter.identifier (spell)"));
        b.admittedAt = offsetDateTime(encounter.getPeriod().getStartElement())
                .orElseThrow(() -> missing("Encounter.period.start"));
        b.hospitalOdsCode = NoticeFields.odsCode(hospital).orElseThrow(() -> missing("sender ODS code"));
        b.ward = NoticeFields.ward(encounter).orElse(null);
        NoticeFields.contact(hospital).ifPresent(c -> {
            b.contactName = c.hasName() ? c.getName().getText() : null;
            b.contactPhone = c.getTelecom().stream().map(t -> t.getValue()).findFirst().orElse(null);
        });
        b.predictedDischargeDate = NoticeFields.plannedDischargeDate(encounter).orElse(null);
        b.dischargeReadyDate = dateExtension(encounter, D2aCodes.DISCHARGE_READY_DATE);
        Extension delay = encounter.getExtensionByUrl(D2aCodes.DISCHARGE_DELAY_REASON);
        if (delay != null && delay.getValue() instanceof CodeableConcept cc) {
            b.delayReason = code(cc, D2aCodes.DELAY_REASON_SYSTEM).map(c -> D2aCodes.DelayReason.fromCode(c)
                    .orElseThrow(() -> wrong("discharge-delay-reason code"))).orElse(null);
            b.delayNote = cc.getText();
        }
        if (encounter.getStatus() == Encounter.EncounterStatus.FINISHED) {
            b.dischargedAt = offsetDateTime(encounter.getPeriod().getEndElement()).orElse(null);
            b.dischargeDestination = code(encounter.getHospitalization().getDischargeDisposition(),
                    D2aCodes.DISCHARGE_DESTINATION_SYSTEM).orElse(null);
        }
        referral.ifPresent(sr -> {
            b.referralId = sr.getIdentifier().stream().filter(i -> i.hasSystem()
                    && i.getSystem().startsWith(D2aCodes.REFERRAL_ID_PREFIX)).map(Identifier::getValue).findFirst()
                    .orElseThrow(() -> missing("ServiceRequest.identifier (referral id)"));
            b.pathway = code(sr.getCode(), D2aCodes.PATHWAY_SYSTEM).map(c -> D2aCodes.Pathway.fromCode(c)
                    .orElseThrow(() -> wrong("pathway code (0-3)"))).orElse(null);
            b.needsSummary = sr.getNote().stream().map(n -> n.getText()).findFirst().orElse(null);
            Extension carer = sr.getExtensionByUrl(D2aMessages.UNPAID_CARER);
            b.unpaidCarerInvolved = carer != null && carer.getValue() instanceof BooleanType bt ? bt.getValue() : null;
            if (sr.getStatus() == ServiceRequest.ServiceRequestStatus.REVOKED) {
                b.cancellationReason = sr.getReasonCode().stream().map(CodeableConcept::getText).findFirst().orElse(null);
            }
        });
        return b.build();
    }

    /** The council event's facts. */
    public static D2aAnswer answer(Bundle bundle) {
        MessageHeader header = MessageBundles.header(bundle).orElseThrow(() -> missing("MessageHeader"));
        SeamlessEvent event = event(bundle).filter(D2aCodes.FROM_COUNCIL::contains)
                .orElseThrow(() -> missing("a council discharge to assess event in MessageHeader.eventCoding"));
        Task task = MessageBundles.first(bundle, Task.class).orElseThrow(() -> missing("Task"));
        Patient patient = MessageBundles.patient(bundle).orElseThrow(() -> missing("Patient"));
        String inReplyTo = header.getResponse().getIdentifier();
        if (inReplyTo == null || inReplyTo.isBlank()) {
            throw missing("MessageHeader.response.identifier (the trust event answered)");
        }
        NhsNumber nhs = patient.getIdentifier().stream().filter(i -> NhsNumber.SYSTEM.equals(i.getSystem()))
                .map(i -> NhsNumber.parse(i.getValue())).findFirst().orElseThrow(() -> missing("Patient NHS number"));
        Optional<Organization> council = MessageBundles.resolve(bundle, header.getSender())
                .filter(Organization.class::isInstance).map(Organization.class::cast);
        String councilId = council.flatMap(o -> agencyId(o)).orElse(null);
        String ods = task.getRequester().hasIdentifier() ? task.getRequester().getIdentifier().getValue() : null;
        String spell = task.getEncounter().hasIdentifier() ? task.getEncounter().getIdentifier().getValue() : null;
        String referral = task.getFocus().hasIdentifier() ? task.getFocus().getIdentifier().getValue() : null;
        D2aCodes.Outcome outcome = code(task.getBusinessStatus(), D2aCodes.OUTCOME_SYSTEM)
                .map(c -> D2aCodes.Outcome.fromCode(c).orElseThrow(() -> wrong("assessment outcome code"))).orElse(null);
        D2aCodes.Pathway pathway = task.getInput().stream().filter(i -> i.getValue() instanceof CodeableConcept)
                .map(i -> code((CodeableConcept) i.getValue(), D2aCodes.PATHWAY_SYSTEM)).flatMap(Optional::stream)
                .findFirst().map(c -> D2aCodes.Pathway.fromCode(c).orElseThrow(() -> wrong("pathway code (0-3)")))
                .orElse(null);
        String note = task.getNote().stream().map(n -> n.getText()).findFirst().orElse(null);
        String contactName = council.flatMap(NoticeFields::contact).filter(c -> c.hasName())
                .map(c -> c.getName().getText()).orElse(null);
        String contactPhone = council.flatMap(NoticeFields::contact)
                .flatMap(c -> c.getTelecom().stream().map(t -> t.getValue()).findFirst()).orElse(null);

        Optional<EpisodeOfCare> episode = MessageBundles.first(bundle, EpisodeOfCare.class);
        String packageId = episode.flatMap(e -> e.getIdentifier().stream().filter(i -> i.hasSystem()
                && i.getSystem().startsWith(D2aCodes.CARE_PACKAGE_ID_PREFIX)).map(Identifier::getValue).findFirst())
                .orElse(null);
        D2aCodes.PackageType type = episode.flatMap(e -> e.getType().stream()
                .map(t -> code(t, D2aCodes.CARE_PACKAGE_TYPE_SYSTEM)).flatMap(Optional::stream).findFirst())
                .map(c -> D2aCodes.PackageType.fromCode(c).orElseThrow(() -> wrong("care package type code")))
                .orElse(null);
        Optional<Organization> provider = episode.filter(EpisodeOfCare::hasManagingOrganization)
                .flatMap(e -> MessageBundles.resolve(bundle, e.getManagingOrganization()))
                .filter(Organization.class::isInstance).map(Organization.class::cast);
        java.time.LocalDate start = episode.filter(e -> e.getPeriod().hasStart())
                .map(e -> java.time.LocalDate.parse(e.getPeriod().getStartElement().getValueAsString()
                        .substring(0, 10))).orElse(null);
        return new D2aAnswer(MessageBundles.idOf(header), event,
                bundle.hasTimestamp() ? bundle.getTimestamp().toInstant() : Instant.EPOCH, councilId, inReplyTo, nhs,
                ods, spell, referral, outcome, pathway, note, packageId, type,
                provider.flatMap(D2aFields::agencyId).orElse(null),
                provider.flatMap(o -> identifier(o, D2aCodes.CQC_LOCATION_SYSTEM)).orElse(null),
                provider.map(Organization::getName).orElse(null),
                provider.flatMap(o -> o.getTelecom().stream().map(t -> t.getValue()).findFirst()).orElse(null),
                start, contactName, contactPhone);
    }

    /** The Seamless agency id of an organisation ({@link D2aCodes#AGENCY_SYSTEM}). */
    public static Optional<String> agencyId(Organization o) {
        return identifier(o, D2aCodes.AGENCY_SYSTEM);
    }

    private static Optional<String> identifier(Organization o, String system) {
        return o.getIdentifier().stream().filter(i -> system.equals(i.getSystem())).map(Identifier::getValue)
                .findFirst();
    }

    private static Optional<String> code(CodeableConcept cc, String system) {
        return cc == null ? Optional.empty() : cc.getCoding().stream().filter(c -> system.equals(c.getSystem()))
                .map(Coding::getCode).filter(c -> c != null).findFirst();
    }

    private static java.time.LocalDate dateExtension(Encounter e, String url) {
        Extension ext = e.getExtensionByUrl(url);
        return ext != null && ext.getValue() instanceof DateType d && d.getValue() != null ? D2aMessages.date(d) : null;
    }

    private static Optional<OffsetDateTime> offsetDateTime(DateTimeType t) {
        if (t == null || t.getValue() == null) {
            return Optional.empty();
        }
        java.util.TimeZone tz = t.getTimeZone();
        ZoneOffset offset = tz == null ? ZoneOffset.UTC
                : ZoneOffset.ofTotalSeconds(tz.getOffset(t.getValue().getTime()) / 1000);
        return Optional.of(t.getValue().toInstant().atOffset(offset));
    }

    private static IllegalArgumentException missing(String what) {
        return new IllegalArgumentException("discharge to assess message lacks " + what);
    }

    private static IllegalArgumentException wrong(String what) {
        return new IllegalArgumentException("discharge to assess message has an unknown " + what);
    }
}
