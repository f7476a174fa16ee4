package org.seamless.ledger.subjectaccess;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;
import org.seamless.mappings.canonical.FhirContexts;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.privacy.consent.ConsentRecord;
import org.seamless.privacy.consent.Purpose;
import org.seamless.privacy.ledger.LedgerEntry;

/**
 * The subject access export as a FHIR R4 collection Bundle (ADR 0070): the Patient (NHS number), one
 * Consent per registry record (history included: a withdrawal is its own, inactive, Consent), one
 * AuditEvent per ledger entry about the person (id {@code ledger-<seq>}), one DocumentReference per
 * message still held (the message attached as sent), one Flag per alert, one Task per tracked referral.
 */
public final class SubjectAccessBundle {
    public static final String ENTRY_KIND_SYSTEM = "https://seamless.dev/fhir/CodeSystem/seamless-ledger-entry";
    public static final String OUTCOME_SYSTEM = "https://seamless.dev/fhir/CodeSystem/seamless-ledger-outcome";
    public static final String AGENCY_SYSTEM = "https://seamless.dev/fhir/Id/agency";
    public static final String MESSAGE_SYSTEM_PREFIX = "https://seamless.dev/fhir/Id/message/";
    public static final String DETAIL_SYSTEM = "https://seamless.dev/fhir/CodeSystem/seamless-ledger-detail";

    private SubjectAccessBundle() {
    }

    public static Bundle of(SubjectAccessData d) {
        Bundle b = new Bundle().setType(Bundle.BundleType.COLLECTION);
        b.setId(d.exportId());
        b.setTimestampElement(new InstantType(Date.from(d.generatedAt())));
        Patient patient = new Patient();
        patient.setId("patient");
        patient.addIdentifier().setSystem(NhsNumber.SYSTEM).setValue(d.nhsNumber().value());
        add(b, patient);
        Reference subject = new Reference("Patient/patient");
        for (int i = 0; i < d.consents().size(); i++) {
            add(b, consent(d.consents().get(i), i, subject));
        }
        d.ledger().forEach(e -> add(b, audit(e, subject)));
        for (int i = 0; i < d.messages().size(); i++) {
            add(b, held(d.messages().get(i), i, subject));
        }
        for (int i = 0; i < d.alerts().size(); i++) {
            add(b, flag(d.alerts().get(i), i, subject));
        }
        for (int i = 0; i < d.referrals().size(); i++) {
            add(b, referral(d.referrals().get(i), i, subject));
        }
        return b;
    }

    public static String json(SubjectAccessData d) {
        return FhirContexts.r4().newJsonParser().setPrettyPrint(true).encodeResourceToString(of(d));
    }

    private static void add(Bundle b, Resource r) {
        b.addEntry().setFullUrl("https://seamless.dev/subject-access/" + b.getIdElement().getIdPart() + "/"
                + r.fhirType() + "/" + r.getIdElement().getIdPart()).setResource(r);
    }

    static AuditEvent audit(LedgerEntry e, Reference subject) {
        AuditEvent a = new AuditEvent();
        a.setId("ledger-" + e.seq());
        a.setType(new Coding(ENTRY_KIND_SYSTEM, e.kind().name(), null));
        a.addSubtype(new Coding(OUTCOME_SYSTEM, e.outcome(), null));
        a.setRecorded(Date.from(e.recordedAt()));
        a.setPeriod(new Period().setStartElement(new org.hl7.fhir.r4.model.DateTimeType(Date.from(e.occurredAt()))));
        if (e.purpose() != null) {
            a.addPurposeOfEvent(new CodeableConcept(new Coding(Purpose.SYSTEM, e.purpose(), null)));
        }
        if (e.overrideReason() != null) {
            a.setOutcomeDesc(e.overrideReason());
        }
        if (e.sourceAgency() != null) {
            a.addAgent().setRequestor(true).setWho(new Reference().setIdentifier(
                    new Identifier().setSystem(AGENCY_SYSTEM).setValue(e.sourceAgency())))
                    .setType(new CodeableConcept(new Coding(DETAIL_SYSTEM, "source", "sending agency")));
        }
        var recipient = a.addAgent().setRequestor(false).setWho(new Reference().setIdentifier(
                new Identifier().setSystem(AGENCY_SYSTEM).setValue(e.recipient())))
                .setType(new CodeableConcept(new Coding(DETAIL_SYSTEM, "recipient", "recipient agency")));
        if (e.ruleId() != null) {
            recipient.addPolicy(e.ruleId());
        }
        a.getSource().setObserver(new Reference().setDisplay("Seamless disclosure ledger"));
        var message = a.addEntity().setWhat(new Reference().setIdentifier(new Identifier()
                .setSystem(MESSAGE_SYSTEM_PREFIX + (e.sourceAgency() == null ? "hub" : e.sourceAgency()))
                .setValue(e.messageId())));
        a.addEntity().setWhat(subject);
        detail(message, "ledger-seq", Long.toString(e.seq()));
        detail(message, "event", e.eventCode());
        detail(message, "replay-generation", Integer.toString(e.replayGeneration()));
        detail(message, "legal-basis", e.legalBasis());
        detail(message, "consent-ref", e.consentRef());
        detail(message, "consent-recorder", e.consentRecorder());
        detail(message, "data-classes", e.dataClasses());
        detail(message, "payload-digest", e.payloadDigest());
        detail(message, "entry-hash", e.entryHash());
        return a;
    }

    private static void detail(AuditEvent.AuditEventEntityComponent entity, String type, String value) {
        if (value != null) {
            entity.addDetail().setType(type).setValue(new org.hl7.fhir.r4.model.StringType(value));
        }
    }

    static Consent consent(ConsentRecord r, int i, Reference subject) {
        Consent c = new Consent();
        c.setId("consent-" + i);
        c.addIdentifier().setSystem("https://seamless.dev/fhir/Id/consent-reference").setValue(r.reference());
        c.setStatus(r.status() == ConsentRecord.Status.ACTIVE ? Consent.ConsentState.ACTIVE
                : Consent.ConsentState.INACTIVE);
        c.setScope(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/consentscope",
                "patient-privacy", null)));
        c.addCategory(new CodeableConcept(new Coding("http://loinc.org", "59284-0", null)));
        c.setPatient(subject);
        c.setDateTime(Date.from(r.recordedAt()));
        c.addOrganization(new Reference().setIdentifier(new Identifier().setSystem(AGENCY_SYSTEM).setValue(r.recorder())));
        boolean consent = r.kind() == ConsentRecord.Kind.CONSENT;
        c.setPolicyRule(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode",
                consent ? "OPTIN" : "OPTOUT", null)));
        var p = c.getProvision();
        p.setType(consent ? Consent.ConsentProvisionType.PERMIT : Consent.ConsentProvisionType.DENY);
        p.setPeriod(new Period().setStart(Date.from(r.periodStart()))
                .setEnd(r.periodEnd().map(Date::from).orElse(null)));
        p.addPurpose(new Coding(Purpose.SYSTEM, r.purpose().code(), null));
        p.addActor().setRole(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v3-ParticipationType",
                "IRCP", null))).setReference(new Reference().setIdentifier(new Identifier()
                .setSystem(r.recipient().agencySpecific() ? AGENCY_SYSTEM : "https://seamless.dev/fhir/Id/agency-kind")
                .setValue(r.recipient().value())));
        return c;
    }

    static DocumentReference held(SubjectAccessData.HeldMessage m, int i, Reference subject) {
        DocumentReference d = new DocumentReference();
        d.setId("message-" + i);
        d.setMasterIdentifier(new Identifier().setSystem(MESSAGE_SYSTEM_PREFIX + m.source()).setValue(m.messageId()));
        d.setStatus(Enumerations.DocumentReferenceStatus.CURRENT);
        d.setType(new CodeableConcept(new Coding("https://seamless.dev/fhir/CodeSystem/seamless-event", m.event(), null)));
        d.setSubject(subject);
        d.setDate(Date.from(m.receivedAt()));
        d.addAuthor(new Reference().setIdentifier(new Identifier().setSystem(AGENCY_SYSTEM).setValue(m.source())));
        d.addContent().getAttachment().setContentType("application/fhir+json")
                .setData(m.body().getBytes(StandardCharsets.UTF_8));
        return d;
    }

    static Flag flag(SubjectAccessData.Alert a, int i, Reference subject) {
        Flag f = new Flag();
        f.setId("alert-" + i);
        f.addIdentifier().setSystem("https://seamless.dev/fhir/Id/alert").setValue(a.flagIdentifier());
        f.setStatus(a.active() ? Flag.FlagStatus.ACTIVE : Flag.FlagStatus.INACTIVE);
        f.setCode(new CodeableConcept(new Coding("https://seamless.dev/fhir/CodeSystem/social-care-alert-type",
                a.type(), null)));
        f.setSubject(subject);
        f.setAuthor(new Reference().setIdentifier(new Identifier().setSystem(AGENCY_SYSTEM).setValue(a.owner())));
        if (a.endDate() != null) {
            f.setPeriod(new Period().setEndElement(new org.hl7.fhir.r4.model.DateTimeType(a.endDate())));
        }
        return f;
    }

    static Task referral(SubjectAccessData.Referral r, int i, Reference subject) {
        Task t = new Task();
        t.setId("referral-" + i);
        t.addIdentifier().setSystem("https://seamless.dev/fhir/Id/referral").setValue(r.referralId());
        t.setStatus(Task.TaskStatus.REQUESTED);
        t.setIntent(Task.TaskIntent.ORDER);
        t.setBusinessStatus(new CodeableConcept(new Coding("https://seamless.dev/fhir/CodeSystem/vcs-referral-status",
                r.status(), null)));
        t.setFor(subject);
        t.setOwner(new Reference().setIdentifier(new Identifier().setSystem(AGENCY_SYSTEM).setValue(r.agency())));
        if (r.counterpart() != null) {
            t.setRequester(new Reference().setIdentifier(new Identifier().setSystem(AGENCY_SYSTEM)
                    .setValue(r.counterpart())));
        }
        if (r.updatedAt() != null) {
            t.setLastModified(Date.from(r.updatedAt()));
        }
        return t;
    }

    /** The ledger sequence numbers the bundle's AuditEvents name, in bundle order (for checks). */
    public static List<Long> ledgerSeqs(Bundle b) {
        return b.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(AuditEvent.class::isInstance).map(r -> Long.parseLong(r.getIdElement().getIdPart()
                        .substring("ledger-".length()))).toList();
    }
}
