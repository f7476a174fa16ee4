package org.seamless.privacy.transform;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.seamless.mappings.canonical.AgencyKind;
import org.seamless.mappings.canonical.FhirContexts;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.privacy.AgencyRef;
import org.seamless.privacy.decide.Decision;
import org.seamless.privacy.decide.DecisionRequest;
import org.seamless.privacy.decide.Outcome;
import org.seamless.privacy.identify.Subject;
import org.seamless.privacy.identify.WithheldReason;

/** A hospital notice with identifiers planted where an allow-list could miss them, for unit tests. */
public final class TestMessages {
    /** The minimisation profiles file the project ships (tests run with the privacy module as base dir). */
    public static final java.nio.file.Path SHIPPED_PROFILES =
            java.nio.file.Path.of("../routes/src/main/resources/config/minimisation-profiles.yml");
    public static final String NHS = "9434765919";
    public static final String PLANNED_END = "https://seamless.dev/fhir/StructureDefinition/planned-discharge-date";
    public static final String VERIFICATION =
            "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus";
    public static final AgencyRef TRUST = new AgencyRef("rxx-trust", AgencyKind.NHS_TRUST);
    public static final AgencyRef COUNCIL = new AgencyRef("la-leeds", AgencyKind.LOCAL_AUTHORITY);
    public static final AgencyRef CHARITY = new AgencyRef("vcs-homecare", AgencyKind.VOLUNTARY_ORG);

    private TestMessages() {
    }

    /** MessageHeader, Patient, Encounter, Organization (hospital), RelatedPerson (mother), Flag. */
    public static Bundle notice(boolean withheld) {
        Patient patient = new Patient();
        patient.setId("patient-" + NHS);
        patient.getText().setDivAsString("<div>Jane Doe, NHS " + NHS + "</div>");
        patient.getMeta().addProfile("https://fhir.hl7.org.uk/StructureDefinition/UKCore-Patient")
                .addSecurity("http://terminology.hl7.org/CodeSystem/v3-Confidentiality", "R", "restricted")
                .addSecurity("http://terminology.hl7.org/CodeSystem/v3-ActCode", "HIV", "HIV");
        Identifier nhs = patient.addIdentifier().setSystem(NhsNumber.SYSTEM);
        if (withheld) {
            nhs.addExtension(WithheldReason.EXTENSION_URL, new CodeType("objection-s251a"));
        } else {
            nhs.setValue(NHS);
            nhs.addExtension(VERIFICATION, new CodeableConcept(new Coding("urn:v", "01", "verified")));
            nhs.addExtension("https://example.org/trace-note", new StringType("traced " + NHS));
        }
        patient.addIdentifier().setSystem("https://rxx.nhs.uk/mrn").setValue("MRN-77 Doe");
        patient.addName().setFamily("Doe").addGiven("Jane").setId("name-element-id");
        patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue("07700 900123");
        patient.setGender(Enumerations.AdministrativeGender.FEMALE);
        patient.setBirthDateElement(new DateType("1950-04-17"));
        patient.addAddress().addLine("12 Acacia Avenue").setCity("Leeds").setPostalCode("LS1 4AP");
        patient.addExtension("https://example.org/nickname", new StringType("Janey Doe"));
        patient.addGeneralPractitioner(new Reference("Organization/gp").setDisplay("Dr Who"));
        patient.addContained(new Organization().setName("contained Doe"));

        Organization hospital = new Organization();
        hospital.setId("hospital");
        hospital.addIdentifier().setSystem("https://fhir.nhs.uk/Id/ods-organization-code").setValue("RXX");
        hospital.setName("Leeds General");
        hospital.addContact().setName(new HumanName().setText("Ward clerk"))
                .addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue("0113 000 0000");

        RelatedPerson mother = new RelatedPerson();
        mother.setId("mother");
        mother.addName().setFamily("Doe").addGiven("Mary");

        Encounter encounter = new Encounter();
        encounter.setId("encounter");
        encounter.getText().setDivAsString("<div>Jane Doe admitted</div>");
        encounter.addIdentifier().setSystem("https://seamless.dev/fhir/Id/hospital-spell/RXX").setValue("S-1");
        encounter.setStatus(Encounter.EncounterStatus.INPROGRESS);
        encounter.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "IMP", "inpatient"));
        encounter.setSubject(new Reference("urn:uuid:p").setDisplay("Jane Doe"));
        encounter.getPeriod().setStartElement(new DateTimeType("2026-01-05T10:15:00Z"));
        encounter.addExtension(PLANNED_END, new DateTimeType("2026-01-20"));
        encounter.addExtension("https://example.org/notes", new StringType("NHS " + NHS));
        encounter.addLocation().setLocation(new Reference().setDisplay("Ward 3"));
        encounter.addParticipant().setIndividual(new Reference("urn:uuid:mother"));
        encounter.setServiceProvider(new Reference("urn:uuid:hospital"));
        encounter.addReasonCode().setText("fall at home, Jane Doe");

        Flag flag = new Flag();
        flag.setId("flag");
        flag.setStatus(Flag.FlagStatus.ACTIVE);
        flag.setCode(new CodeableConcept(new Coding("urn:alerts", "CPP", "child protection plan for Jane Doe")));
        flag.setSubject(new Reference("urn:uuid:p"));

        MessageHeader header = new MessageHeader();
        header.setId("msg-1");
        header.setEvent(new Coding(SeamlessEvent.SYSTEM, "admission-notice", "Admission notice"));
        header.getSource().setEndpoint("urn:nhs-uk:addressing:ods:RXX").setName("PAS");
        header.addDestination().setEndpoint("urn:la:leeds");
        header.setSender(new Reference("urn:uuid:hospital"));
        header.addFocus(new Reference("urn:uuid:p"));
        header.addFocus(new Reference("urn:uuid:encounter"));
        header.addFocus(new Reference("urn:uuid:flag"));

        Bundle bundle = new Bundle().setType(Bundle.BundleType.MESSAGE)
                .setTimestamp(Date.from(Instant.parse("2026-01-05T10:16:00Z")));
        bundle.setId("bundle-1");
        add(bundle, "urn:uuid:msg-1", header);
        add(bundle, "urn:uuid:p", patient);
        add(bundle, "urn:uuid:encounter", encounter);
        add(bundle, "urn:uuid:hospital", hospital);
        add(bundle, "urn:uuid:mother", mother);
        add(bundle, "urn:uuid:flag", flag);
        flag.addExtension("https://example.org/note", new Annotation().setText("Jane Doe's case"));
        return bundle;
    }

    private static void add(Bundle bundle, String fullUrl, Resource r) {
        bundle.addEntry().setFullUrl(fullUrl).setResource(r);
    }

    public static Subject subject(boolean withheld) {
        return withheld ? Subject.withheld(WithheldReason.OBJECTION_S251A) : Subject.identified(NhsNumber.parse(NHS));
    }

    public static DecisionRequest request(AgencyRef recipient, boolean withheld) {
        return new DecisionRequest("msg-1", SeamlessEvent.ADMISSION_NOTICE, TRUST, recipient, subject(withheld),
                Instant.parse("2026-01-05T10:16:00Z"));
    }

    public static Decision decision(Outcome outcome, String profile) {
        return new Decision(outcome, "rule-1", "direct-care", "test basis", Optional.empty(), profile,
                Optional.empty(), List.of("test"));
    }

    public static String json(Resource r) {
        return FhirContexts.r4().newJsonParser().encodeResourceToString(r);
    }

    public static <T extends Resource> List<T> resources(Bundle b, Class<T> type) {
        return b.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(type::isInstance).map(type::cast).toList();
    }
}
