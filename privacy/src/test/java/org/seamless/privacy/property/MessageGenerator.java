package org.seamless.privacy.property;

import java.time.Instant;
import java.util.Date;
import java.util.Random;
import java.util.UUID;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Task;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.privacy.identify.WithheldReason;

/**
 * Builds a canonical-looking message for an event about a generated person, and half the time
 * plants that person's identifiers where an allow-list might miss them: narrative, extensions,
 * other resources' identifiers, reference and coding displays, notes, Encounter text, resource
 * ids and full URLs, local codes, a relative with the same family name.
 */
final class MessageGenerator {
    private static final String LOCAL = "https://example.org/local";
    private final Random r;
    private final SubjectData s;
    private final Bundle bundle = new Bundle();
    private final String patientUrl;

    private MessageGenerator(Random r, SubjectData s) {
        this.r = r;
        this.s = s;
        this.patientUrl = plant() ? "https://trust.example/fhir/Patient/" + s.nhs().value() : urn();
    }

    static Bundle build(Random r, SubjectData s, SeamlessEvent event, String messageId, Instant at) {
        return new MessageGenerator(r, s).message(event, messageId, at);
    }

    private boolean plant() {
        return r.nextBoolean();
    }

    private String urn() {
        return "urn:uuid:" + new UUID(r.nextLong(), r.nextLong());
    }

    /** Free text that mentions the person, the way clinicians and case workers write. */
    private String gossip() {
        return switch (r.nextInt(6)) {
            case 0 -> s.fullName() + " (NHS No " + s.nhsWritten(r) + ")";
            case 1 -> "Lives at " + s.lines().get(0) + ", " + s.postcode() + "; tel " + s.phoneWritten(r);
            case 2 -> "DOB " + s.birthDate() + ", " + s.family().toUpperCase() + " " + s.given().get(0);
            case 3 -> "ref:" + s.nhs().value() + "/" + s.given().get(0).toLowerCase();
            case 4 -> "call mum " + s.phoneWritten(r) + " about " + s.given().get(s.given().size() - 1);
            default -> s.nhsWritten(r);
        };
    }

    private Reference ref(String url) {
        Reference ref = new Reference(url);
        if (plant()) {
            ref.setDisplay(s.fullName());
        }
        return ref;
    }

    private void sprinkle(DomainResource res) {
        if (plant()) {
            res.getText().setStatus(org.hl7.fhir.r4.model.Narrative.NarrativeStatus.GENERATED)
                    .setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\">" + gossip() + "</div>");
        }
        if (plant()) {
            res.addExtension(LOCAL + "/note", new StringType(gossip()));
        }
        if (plant()) {
            res.addExtension(LOCAL + "/code", new CodeType(s.nhs().value()));
        }
    }

    private Bundle message(SeamlessEvent event, String messageId, Instant at) {
        bundle.setType(Bundle.BundleType.MESSAGE).setTimestamp(Date.from(at));
        MessageHeader header = new MessageHeader();
        header.setId(messageId);
        header.setEvent(new Coding(SeamlessEvent.SYSTEM, event.code(), event.display()));
        header.getSource().setEndpoint("urn:nhs-uk:addressing:ods:RXX").setName("PAS");
        header.addDestination().setEndpoint("urn:seamless:hub");
        if (plant()) {
            header.setReason(new CodeableConcept().setText(gossip()));
        }
        add("urn:uuid:" + messageId, header);
        add(patientUrl, patient());
        header.addFocus(ref(patientUrl));
        String org = add(urn(), organization());
        header.setSender(new Reference(org));
        switch (event) {
            case ADMISSION_NOTICE, ASSESSMENT_NOTICE, DISCHARGE_NOTICE, WITHDRAWAL_NOTICE ->
                    header.addFocus(ref(add(urn(), encounter(org))));
            case NOTICE_RESPONSE -> {
                add(urn(), encounter(org));
                String outcome = add(urn(), operationOutcome());
                header.getResponse().setIdentifier(new UUID(r.nextLong(), r.nextLong()).toString())
                        .setCode(MessageHeader.ResponseType.FATALERROR).setDetails(new Reference(outcome));
            }
            case ALERT_START, ALERT_UPDATE, ALERT_END -> {
                header.addFocus(ref(add(urn(), flag(org))));
                String practitioner = add(urn(), practitioner());
                add(urn(), new PractitionerRole().setPractitioner(new Reference(practitioner))
                        .setOrganization(new Reference(org)));
            }
            case ALERT_ACCESS -> {
                header.addFocus(ref(add(urn(), encounter(org))));
                add(urn(), flag(org));
            }
            case REFERRAL -> header.addFocus(ref(add(urn(), serviceRequest(org))));
            case REFERRAL_OUTCOME -> {
                String request = add(urn(), serviceRequest(org));
                header.addFocus(ref(add(urn(), task(request, org))));
            }
            case CONSENT_UPDATE -> header.addFocus(ref(add(urn(), consent(org))));
        }
        if (plant()) {
            RelatedPerson relative = new RelatedPerson().setPatient(ref(patientUrl));
            relative.addName().setFamily(s.family()).addGiven("Anne");
            relative.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(s.phoneWritten(r));
            add(urn(), relative);
        }
        return bundle;
    }

    private String add(String fullUrl, Resource resource) {
        if (!resource.hasId()) {
            resource.setId(fullUrl.substring(fullUrl.lastIndexOf(fullUrl.startsWith("urn:") ? ':' : '/') + 1));
        }
        bundle.addEntry().setFullUrl(fullUrl).setResource(resource);
        return fullUrl;
    }

    private Patient patient() {
        Patient p = new Patient();
        Identifier nhs = p.addIdentifier().setSystem(NhsNumber.SYSTEM);
        if (s.withheld().isPresent()) {
            nhs.addExtension(WithheldReason.EXTENSION_URL, new CodeType(s.withheld().get().code()));
        } else {
            nhs.setValue(r.nextBoolean() ? s.nhs().value() : s.nhs().formatted());
        }
        if (plant()) {
            p.addIdentifier().setSystem("https://trust.example/mrn").setValue("MRN" + s.nhs().value());
        }
        HumanName name = p.addName().setFamily(s.family()).setText(s.fullName());
        s.given().forEach(name::addGiven);
        s.phones().forEach(ph -> p.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(ph));
        p.setGender(Enumerations.AdministrativeGender.values()[r.nextInt(4)]);
        p.setBirthDateElement(new DateType(s.birthDate().toString()));
        var address = p.addAddress().setCity(s.city()).setPostalCode(s.postcode());
        s.lines().forEach(address::addLine);
        if (plant()) {
            address.setText(String.join(", ", s.lines()) + ", " + s.city());
        }
        if (plant()) {
            p.addContact().setName(new HumanName().setFamily(s.family()).addGiven("Anne"))
                    .addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(s.phoneWritten(r));
        }
        if (plant()) {
            p.addPhoto(new Attachment().setTitle(s.fullName() + ".jpg"));
            p.addGeneralPractitioner(new Reference("Organization/B86001").setDisplay("GP of " + s.fullName()));
        }
        sprinkle(p);
        return p;
    }

    private Organization organization() {
        Organization o = new Organization().setName("Leeds Teaching Hospitals");
        o.addIdentifier().setSystem("https://fhir.nhs.uk/Id/ods-organization-code").setValue("RXX");
        o.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue("0113 243 3144");
        if (plant()) {
            o.addContact().setName(new HumanName().setText("re " + s.fullName()));
        }
        return o;
    }

    private Encounter encounter(String org) {
        Encounter e = new Encounter().setStatus(Encounter.EncounterStatus.INPROGRESS)
                .setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "IMP", "inpatient encounter"));
        e.setSubject(ref(patientUrl)).setServiceProvider(new Reference(org));
        e.getPeriod().setStartElement(new DateTimeType("2026-0" + (1 + r.nextInt(2)) + "-1" + r.nextInt(10) + "T10:15:00Z"));
        e.addExtension("https://seamless.dev/fhir/StructureDefinition/planned-discharge-date",
                new DateTimeType("2026-03-2" + r.nextInt(10)));
        e.addIdentifier().setSystem("https://seamless.dev/fhir/Id/hospital-spell/RXX")
                .setValue(plant() ? "SP" + s.nhs().value() : "SP" + r.nextInt(100000));
        e.addLocation().setLocation(new Reference().setDisplay(plant() ? "Ward 3, bed of " + s.family() : "Ward 3"));
        if (plant()) {
            e.addReasonCode().setText(gossip());
        }
        sprinkle(e);
        return e;
    }

    private Flag flag(String org) {
        Flag f = new Flag().setStatus(Flag.FlagStatus.ACTIVE).setSubject(ref(patientUrl)).setAuthor(ref(org));
        f.addIdentifier().setSystem("https://la.example/alert").setValue(plant() ? gossip() : "A" + r.nextInt(1000));
        f.setCode(new CodeableConcept(new Coding("https://seamless.dev/fhir/CodeSystem/social-care-alert", "cpp",
                plant() ? "Child protection plan: " + s.fullName() : "Child protection plan")));
        if (plant()) {
            f.getCode().addCoding(new Coding(LOCAL, s.nhs().value(), null));
        }
        f.getPeriod().setStartElement(new DateTimeType("2025-1" + r.nextInt(3) + "-0" + (1 + r.nextInt(9))));
        if (plant()) {
            f.addExtension(LOCAL + "/annotation", new Annotation().setText(gossip()));
        }
        sprinkle(f);
        return f;
    }

    private OperationOutcome operationOutcome() {
        OperationOutcome o = new OperationOutcome();
        o.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(OperationOutcome.IssueType.BUSINESSRULE)
                .setDetails(new CodeableConcept(new Coding(LOCAL, "not-resident", "not resident")).setText(
                        plant() ? gossip() : null))
                .setDiagnostics(plant() ? gossip() : "not ours");
        return o;
    }

    private Practitioner practitioner() {
        Practitioner p = new Practitioner();
        p.addName().setFamily("Okafor").addGiven("Ada");
        p.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue("0113 222 0000");
        return p;
    }

    private ServiceRequest serviceRequest(String org) {
        ServiceRequest sr = new ServiceRequest().setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE)
                .setIntent(ServiceRequest.ServiceRequestIntent.ORDER).setSubject(ref(patientUrl))
                .setRequester(ref(org));
        sr.addIdentifier().setSystem("https://trust.example/referral").setValue(plant() ? gossip() : "R1");
        sr.setCode(new CodeableConcept(new Coding("http://snomed.info/sct", "410606002", "Social service procedure")));
        sr.addReasonCode(new CodeableConcept(new Coding("https://seamless.dev/fhir/CodeSystem/support-need",
                "shopping", "Help with shopping")).setText(plant() ? gossip() : "shopping"));
        sr.setAuthoredOnElement(new DateTimeType("2026-02-0" + (1 + r.nextInt(9))));
        if (plant()) {
            sr.addNote(new Annotation().setText(gossip()).setAuthor(new StringType(s.fullName())));
        }
        if (plant()) {
            sr.setPatientInstruction("Ring " + s.phoneWritten(r) + " before visiting " + s.lines().get(0));
        }
        sprinkle(sr);
        return sr;
    }

    private Task task(String request, String org) {
        Task t = new Task().setStatus(Task.TaskStatus.COMPLETED).setIntent(Task.TaskIntent.ORDER);
        t.addBasedOn(new Reference(request)).setFor(ref(patientUrl)).setOwner(ref(org));
        t.setBusinessStatus(new CodeableConcept().setText(plant() ? gossip() : "done"));
        if (plant()) {
            t.setDescription(gossip());
            t.addNote(new Annotation().setText(gossip()));
        }
        sprinkle(t);
        return t;
    }

    private Consent consent(String org) {
        Consent c = new Consent().setStatus(Consent.ConsentState.ACTIVE).setPatient(ref(patientUrl));
        c.setScope(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/consentscope",
                "patient-privacy", null)));
        c.addOrganization(new Reference(org));
        c.setDateTimeElement(new DateTimeType("2026-01-0" + (1 + r.nextInt(9))));
        c.addIdentifier().setSystem("https://trust.example/consent").setValue(plant() ? gossip() : "C1");
        if (plant()) {
            c.setSource(new Attachment().setTitle("signed by " + s.fullName()));
        }
        c.getProvision().setType(Consent.ConsentProvisionType.PERMIT)
                .addActor().setReference(ref(org)).setRole(new CodeableConcept().setText(plant() ? gossip() : "recipient"));
        sprinkle(c);
        return c;
    }
}
