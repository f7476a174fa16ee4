package org.seamless.hub.alerts;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.mappings.alert.AlertMessages;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.message.FhirUrls;

/**
 * The resources of the Patient Flags / CP-IS consumer shape (ADR 0081), built from what the privacy chain
 * released (the stand-alone Flag with its contained council Organization) and from the registry (the
 * council's published contact numbers, which are not personal data): a Flag whose author is the council
 * as a referenced Organization, the council Organization (UK Core), a CareTeam per flag (the allocated team
 * and the council's office-hours and emergency duty numbers), and an AuditEvent per access.
 */
public final class PatientFlagsResources {
    public static final String UKCORE_CARE_TEAM = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-CareTeam";
    public static final String UKCORE_AUDIT_EVENT = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-AuditEvent";
    static final String AUDIT_EVENT_TYPE = "http://terminology.hl7.org/CodeSystem/audit-event-type";
    static final String RESTFUL_INTERACTION = "http://hl7.org/fhir/restful-interaction";
    static final String OBJECT_ROLE = "http://terminology.hl7.org/CodeSystem/object-role";
    static final String PARTICIPATION_TYPE = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";

    private PatientFlagsResources() {
    }

    /** {@code Organization/<agency id>}: the logical id of a council's Organization in this shape. */
    static String organizationId(AgencyConfig owner) {
        return owner.id();
    }

    /** The released Flag with its author as a reference to the council's Organization (no contained resource). */
    static Flag flag(FlagPulls.Released r) {
        Flag f = r.flag().copy();
        f.getContained().clear();
        f.setAuthor(councilReference(r.owner()));
        return f;
    }

    /**
     * The council as a UK Core Organization: ODS code and name from the registry, its office-hours and
     * out-of-hours numbers from its registry policy.
     */
    static Organization council(AgencyConfig owner) {
        Organization o = new Organization();
        o.setId(organizationId(owner));
        o.getMeta().addProfile(FhirUrls.UKCORE_ORGANIZATION);
        if (owner.odsCode() != null && !owner.odsCode().isBlank()) {
            o.addIdentifier().setSystem(FhirUrls.ODS_ORGANIZATION_CODE).setValue(owner.odsCode());
        }
        o.setName(owner.name());
        owner.policy().contactPhone().ifPresent(p -> o.addTelecom(phone(p, ContactPoint.ContactPointUse.WORK, 1)));
        owner.policy().outOfHoursPhone().ifPresent(p -> o.addContact()
                .setPurpose(new CodeableConcept(new Coding(FhirUrls.CONTACT_ENTITY_TYPE, "PATINF", "Patient")))
                .setName(new HumanName().setText("Emergency duty team (out of hours)"))
                .addTelecom(phone(p, ContactPoint.ContactPointUse.WORK, 2)));
        return o;
    }

    /**
     * The care team responsible for the plan behind one flag: the council as managing organisation and
     * participant, the allocated team's name and number (as far as the chain released them), the council's
     * office-hours and emergency duty numbers, and the plan's period.
     */
    static CareTeam careTeam(FlagPulls.Released r) {
        Flag flag = r.flag();
        CareTeam ct = new CareTeam();
        ct.setId(flag.getIdElement().getIdPart());
        ct.getMeta().addProfile(UKCORE_CARE_TEAM);
        flag.getIdentifier().forEach(i -> ct.addIdentifier(i.copy()));
        ct.setStatus(flag.getStatus() == Flag.FlagStatus.ACTIVE ? CareTeam.CareTeamStatus.ACTIVE
                : CareTeam.CareTeamStatus.INACTIVE);
        ct.addCategory(flag.getCode().copy());
        ct.setSubject(flag.getSubject().copy());
        ct.setPeriod(flag.getPeriod().copy());
        ct.addManagingOrganization(councilReference(r.owner()));
        Optional<Organization.OrganizationContactComponent> team = flag.getContained().stream()
                .filter(Organization.class::isInstance).map(Organization.class::cast)
                .flatMap(o -> o.getContact().stream()).findFirst();
        team.filter(c -> c.hasName()).ifPresent(c -> ct.setName(c.getName().getText()));
        ct.addParticipant().addRole(new CodeableConcept().setText("Responsible local authority"))
                .setMember(councilReference(r.owner()));
        int rank = 1;
        for (ContactPoint cp : team.map(Organization.OrganizationContactComponent::getTelecom).orElse(java.util.List.of())) {
            ct.addTelecom(cp.copy().setRank(rank++));
        }
        int officeRank = rank++;
        r.owner().policy().contactPhone().ifPresent(p -> ct.addTelecom(phone(p, ContactPoint.ContactPointUse.WORK,
                officeRank)));
        int dutyRank = rank;
        r.owner().policy().outOfHoursPhone().ifPresent(p -> ct.addTelecom(phone(p, ContactPoint.ContactPointUse.WORK,
                dutyRank)));
        if (flag.hasCode() && flag.getCode().hasText()) {
            ct.addNote().setText("Responsible for: " + flag.getCode().getText());
        }
        return ct;
    }

    /**
     * One access to the council's flags about the person, as a UK Core AuditEvent: who (the caller's
     * organisation by ODS code and its setting), when, and about whom. Silent-read accesses never reach
     * here ({@link AlertAccessLog#lastVisibleTo}).
     */
    static AuditEvent auditEvent(AlertAccessLog.Access a, NhsNumber nhs) {
        AuditEvent e = new AuditEvent();
        e.setId(UUID.nameUUIDFromBytes((a.owner() + "|" + a.at() + "|" + a.callerAgency() + "|" + a.setting())
                .getBytes(StandardCharsets.UTF_8)).toString());
        e.getMeta().addProfile(UKCORE_AUDIT_EVENT);
        e.setType(new Coding(AUDIT_EVENT_TYPE, "rest", "Restful Operation"));
        e.addSubtype(new Coding(RESTFUL_INTERACTION, "search-type", "search type"));
        e.setAction(AuditEvent.AuditEventAction.R);
        e.setRecorded(Date.from(a.at()));
        e.setOutcome(AuditEvent.AuditEventOutcome._0);
        Reference who = new Reference().setType("Organization").setDisplay(a.settingName());
        if (a.callerOds() != null && !a.callerOds().isBlank()) {
            who.setIdentifier(new Identifier().setSystem(FhirUrls.ODS_ORGANIZATION_CODE).setValue(a.callerOds()));
        }
        e.addAgent().setType(new CodeableConcept(new Coding(PARTICIPATION_TYPE, "IRCP", "information recipient")))
                .setWho(who).setName(a.settingName()).setRequestor(true)
                .addPolicy("urn:seamless:setting:" + a.setting());
        e.getSource().setSite("Seamless").setObserver(new Reference().setDisplay("Seamless hub"));
        e.addEntity().setWhat(new Reference().setType("Patient").setIdentifier(new Identifier()
                        .setSystem(NhsNumber.SYSTEM).setValue(nhs.value())))
                .setRole(new Coding(OBJECT_ROLE, "1", "Patient"))
                .setDescription("Social care alerts of " + a.owner() + (a.notified() ? "; the council was notified"
                        : "; the council was not notified"));
        return e;
    }

    private static Reference councilReference(AgencyConfig owner) {
        Reference r = new Reference("Organization/" + organizationId(owner)).setDisplay(owner.name());
        if (owner.odsCode() != null && !owner.odsCode().isBlank()) {
            r.setIdentifier(new Identifier().setSystem(FhirUrls.ODS_ORGANIZATION_CODE).setValue(owner.odsCode()));
        }
        return r;
    }

    private static ContactPoint phone(String number, ContactPoint.ContactPointUse use, int rank) {
        return new ContactPoint().setSystem(ContactPoint.ContactPointSystem.PHONE).setUse(use).setValue(number)
                .setRank(rank);
    }

    /** The UK Core Flag profile this shape keeps (the same as the original pull). */
    static String flagProfile() {
        return AlertMessages.UKCORE_FLAG;
    }
}
