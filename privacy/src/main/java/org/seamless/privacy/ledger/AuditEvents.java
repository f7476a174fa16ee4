package org.seamless.privacy.ledger;

import java.util.Date;
import java.util.Optional;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/**
 * Exports a RELEASE ledger entry as a FHIR R4 AuditEvent in the IHE Basic Audit Log Patterns shape
 * for a privacy disclosure at the source: DICOM 110106 Export, ISO 21089 "disclose", the hub as
 * source, the originating agency as custodian, the recipient as destination, the patient entity
 * and the disclosed message as data entity, with legal basis, rule, consent and data classes.
 */
public final class AuditEvents {
    public static final String BALP_DISCLOSURE_SOURCE =
            "https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.PrivacyDisclosure.Source";
    static final String DCM = "http://dicom.nema.org/resources/ontology/DCM";
    static final String AGENCY = "https://seamless.dev/fhir/Id/agency";
    static final String SUBJECT_INDEX = "https://seamless.dev/fhir/Id/ledger-subject-index";
    static final String NHS_NUMBER = "https://fhir.nhs.uk/Id/nhs-number";

    private AuditEvents() {
    }

    /** The AuditEvent for one release; the patient is named by NHS number when given, else by subject index. */
    public static AuditEvent disclosure(LedgerEntry e, Optional<String> nhsNumber, String acknowledgement) {
        if (e.kind() != EntryKind.RELEASE) {
            throw new IllegalArgumentException("only RELEASE entries are disclosures");
        }
        AuditEvent a = new AuditEvent();
        a.setId("ledger-" + e.seq());
        a.getMeta().addProfile(BALP_DISCLOSURE_SOURCE);
        a.setType(new Coding(DCM, "110106", "Export"));
        a.addSubtype(new Coding("http://terminology.hl7.org/CodeSystem/iso-21089-lifecycle", "disclose", "Disclose"));
        a.setAction(AuditEvent.AuditEventAction.R);
        a.setRecorded(Date.from(e.occurredAt()));
        a.setOutcome(AuditEvent.AuditEventOutcome._0);
        if (e.purpose() != null) {
            a.addPurposeOfEvent(new CodeableConcept(new Coding("https://seamless.dev/fhir/CodeSystem/seamless-purpose",
                    e.purpose(), null)));
        }
        agent(a, DCM, "110153", "Source Role ID", "seamless-hub");
        agent(a, "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "CST", "custodian", e.sourceAgency());
        agent(a, DCM, "110152", "Destination Role ID", e.recipient()).addPolicy(e.ruleId());
        a.getSource().setObserver(new Reference().setDisplay("Seamless hub")).addType(
                new Coding("http://terminology.hl7.org/CodeSystem/security-source-type", "4", "Application Server"));
        a.addEntity()
                .setWhat(new Reference().setIdentifier(nhsNumber.map(n -> new Identifier().setSystem(NHS_NUMBER).setValue(n))
                        .orElseGet(() -> new Identifier().setSystem(SUBJECT_INDEX).setValue(e.subjectIndex()))))
                .setType(new Coding("http://terminology.hl7.org/CodeSystem/audit-entity-type", "1", "Person"))
                .setRole(new Coding("http://terminology.hl7.org/CodeSystem/object-role", "1", "Patient"));
        var data = a.addEntity()
                .setWhat(new Reference().setIdentifier(new Identifier().setSystem("https://seamless.dev/fhir/Id/message-id")
                        .setValue(e.messageId())))
                .setType(new Coding("http://terminology.hl7.org/CodeSystem/audit-entity-type", "2", "System Object"))
                .setRole(new Coding("http://terminology.hl7.org/CodeSystem/object-role", "4", "Domain Resource"));
        detail(data, "event", e.eventCode());
        detail(data, "legal-basis", e.legalBasis());
        detail(data, "rule", e.ruleId());
        detail(data, "outcome", e.outcome());
        detail(data, "consent-reference", e.consentRef());
        detail(data, "consent-recorder", e.consentRecorder());
        detail(data, "override-reason", e.overrideReason());
        detail(data, "data-classes", e.dataClasses());
        detail(data, "payload-sha256", e.payloadDigest());
        detail(data, "replay-generation", Integer.toString(e.replayGeneration()));
        detail(data, "acknowledgement", acknowledgement);
        detail(data, "ledger-entry-hash", e.entryHash());
        return a;
    }

    private static AuditEvent.AuditEventAgentComponent agent(AuditEvent a, String system, String code, String display,
                                                            String agencyId) {
        return a.addAgent().setType(new CodeableConcept(new Coding(system, code, display))).setRequestor(false)
                .setWho(new Reference().setIdentifier(new Identifier().setSystem(AGENCY).setValue(agencyId)));
    }

    private static void detail(AuditEvent.AuditEventEntityComponent entity, String type, String value) {
        if (value != null) {
            entity.addDetail().setType(type).setValue(new StringType(value));
        }
    }
}
