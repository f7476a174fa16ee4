package org.seamless.mappings.message;

import java.time.LocalDate;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Organization;

/** Reads the notice-specific facts of a canonical notice message (the shape {@link NoticeMessages} builds). */
public final class NoticeFields {
    private NoticeFields() {
    }

    /** The planned discharge date: extension {@link FhirUrls#PLANNED_DISCHARGE_DATE} ({@code valueDate}) on the Encounter. */
    public static Optional<LocalDate> plannedDischargeDate(Encounter encounter) {
        Extension ext = encounter.getExtensionByUrl(FhirUrls.PLANNED_DISCHARGE_DATE);
        if (ext != null && ext.getValue() instanceof DateType date && date.getValue() != null) {
            return Optional.of(LocalDate.of(date.getYear(), date.getMonth() + 1, date.getDay()));
        }
        return Optional.empty();
    }

    /** The notice's Encounter: the first focus that is an Encounter, else the first Encounter in the bundle. */
    public static Optional<Encounter> encounter(Bundle bundle) {
        return MessageBundles.focus(bundle).stream().filter(Encounter.class::isInstance).map(Encounter.class::cast)
                .findFirst().or(() -> MessageBundles.encounters(bundle).stream().findFirst());
    }

    /** The sending hospital: {@code MessageHeader.sender}, resolved in the bundle. */
    public static Optional<Organization> hospital(Bundle bundle) {
        return MessageBundles.header(bundle).filter(h -> h.hasSender())
                .flatMap(h -> MessageBundles.resolve(bundle, h.getSender()))
                .filter(Organization.class::isInstance).map(Organization.class::cast);
    }

    /** The hospital's ODS code ({@code Organization.identifier} with the ODS system). */
    public static Optional<String> odsCode(Organization organization) {
        return organization.getIdentifier().stream().filter(i -> FhirUrls.ODS_ORGANIZATION_CODE.equals(i.getSystem()))
                .map(i -> i.getValue()).findFirst();
    }

    /** The hospital spell number ({@code Encounter.identifier} in a {@link FhirUrls#HOSPITAL_SPELL_PREFIX} system). */
    public static Optional<String> spellNumber(Encounter encounter) {
        return encounter.getIdentifier().stream()
                .filter(i -> i.hasSystem() && i.getSystem().startsWith(FhirUrls.HOSPITAL_SPELL_PREFIX))
                .map(i -> i.getValue()).findFirst();
    }

    /** The ward: display of the first {@code Encounter.location}. */
    public static Optional<String> ward(Encounter encounter) {
        return encounter.getLocation().stream().map(l -> l.getLocation().getDisplay()).filter(w -> w != null).findFirst();
    }

    /** The hospital's contact for the patient ({@code Organization.contact} with purpose PATINF, else the first). */
    public static Optional<Organization.OrganizationContactComponent> contact(Organization organization) {
        return organization.getContact().stream()
                .filter(c -> c.getPurpose().getCoding().stream().anyMatch(x -> "PATINF".equals(x.getCode())))
                .findFirst().or(() -> organization.getContact().stream().findFirst());
    }
}
