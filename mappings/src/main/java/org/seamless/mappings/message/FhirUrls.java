package org.seamless.mappings.message;

/** Canonical URLs and identifier systems used in Seamless canonical messages. */
public final class FhirUrls {
    public static final String UKCORE_PATIENT = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-Patient";
    public static final String UKCORE_ENCOUNTER = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-Encounter";
    public static final String UKCORE_MESSAGE_HEADER = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-MessageHeader";
    public static final String UKCORE_ORGANIZATION = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-Organization";
    public static final String UKCORE_OPERATION_OUTCOME = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-OperationOutcome";

    /** UK Core extension on {@code Patient.identifier} carrying the NHS number trace status. */
    public static final String NHS_NUMBER_VERIFICATION_STATUS =
            "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus";
    /** England code system for that extension ({@code 01} = number present and verified). */
    public static final String NHS_NUMBER_VERIFICATION_STATUS_ENGLAND =
            "https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatusEngland";

    /**
     * Where a discharge notice carries the planned discharge date: Seamless's own extension on
     * the Encounter, {@code valueDate}. R4 has no planned end; the R5 cross-version extension
     * ({@code extension-Encounter.plannedEndDate}) is rejected by the HAPI R4 validator without
     * the cross-version packages. Definition: {@code fhir/StructureDefinition-planned-discharge-date.json}.
     */
    public static final String PLANNED_DISCHARGE_DATE =
            "https://seamless.dev/fhir/StructureDefinition/planned-discharge-date";

    public static final String ODS_ORGANIZATION_CODE = "https://fhir.nhs.uk/Id/ods-organization-code";
    /** Prefix of the per-hospital system of {@code Encounter.identifier} (hospital spell number); ODS code follows. */
    public static final String HOSPITAL_SPELL_PREFIX = "https://seamless.dev/fhir/Id/hospital-spell/";
    /** ITK-style endpoint address of an organisation; ODS code follows. */
    public static final String ODS_ENDPOINT_PREFIX = "urn:nhs-uk:addressing:ods:";

    public static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    public static final String CONTACT_ENTITY_TYPE = "http://terminology.hl7.org/CodeSystem/contactentity-type";

    private FhirUrls() {
    }
}
