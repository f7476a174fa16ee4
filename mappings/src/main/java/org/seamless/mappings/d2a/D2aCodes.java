package org.seamless.mappings.d2a;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.seamless.mappings.canonical.SeamlessEvent;

/**
 * Systems and codes of the discharge to assess family (ADR 0060). The CodeSystems ship in
 * {@code fhir/CodeSystem-d2a-*.json}; the extensions in {@code fhir/StructureDefinition-*.json}.
 */
public final class D2aCodes {
    /** Proposed or confirmed discharge to assess pathway, codes {@code 0}..{@code 3}. */
    public static final String PATHWAY_SYSTEM = "https://seamless.dev/fhir/CodeSystem/d2a-pathway";
    /** Reason a patient past the discharge ready date is still in hospital (acute discharge sitrep reasons). */
    public static final String DELAY_REASON_SYSTEM = "https://seamless.dev/fhir/CodeSystem/discharge-delay-reason";
    /** The local authority's assessment outcome ({@code Task.businessStatus}). */
    public static final String OUTCOME_SYSTEM = "https://seamless.dev/fhir/CodeSystem/d2a-assessment-outcome";
    /** Kind of care package ({@code EpisodeOfCare.type}). */
    public static final String CARE_PACKAGE_TYPE_SYSTEM = "https://seamless.dev/fhir/CodeSystem/care-package-type";
    /** UK Core discharge destination (England), on {@code Encounter.hospitalization.dischargeDisposition}. */
    public static final String DISCHARGE_DESTINATION_SYSTEM =
            "https://fhir.hl7.org.uk/CodeSystem/UKCore-DischargeDestinationEngland";

    /** Extension on the Encounter: the Discharge Ready Date ({@code valueDate}). */
    public static final String DISCHARGE_READY_DATE = "https://seamless.dev/fhir/StructureDefinition/discharge-ready-date";
    /** Extension on the Encounter: the current delay reason ({@code valueCodeableConcept}, {@link #DELAY_REASON_SYSTEM}). */
    public static final String DISCHARGE_DELAY_REASON =
            "https://seamless.dev/fhir/StructureDefinition/discharge-delay-reason";

    /** {@code ServiceRequest.identifier} system of a referral: prefix, then the trust's ODS code. */
    public static final String REFERRAL_ID_PREFIX = "https://seamless.dev/fhir/Id/d2a-referral/";
    /** {@code EpisodeOfCare.identifier} system of a care package: prefix, then the council's agency id. */
    public static final String CARE_PACKAGE_ID_PREFIX = "https://seamless.dev/fhir/Id/care-package/";
    /** Registered agencies (the provider of a package when it is on Seamless): the agency id. */
    public static final String AGENCY_SYSTEM = "https://seamless.dev/fhir/Id/agency";
    /** CQC location id of a provider not registered with Seamless. */
    public static final String CQC_LOCATION_SYSTEM = "https://fhir.nhs.uk/Id/cqc-location-id";
    /** UK Core task code system is not used: {@code Task.code} uses the event code itself. */
    public static final String UKCORE_SERVICE_REQUEST = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-ServiceRequest";
    public static final String UKCORE_TASK = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-Task";
    public static final String UKCORE_EPISODE_OF_CARE = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-EpisodeOfCare";

    /** Events an NHS trust sends (to the council of residence / care transfer hub). */
    public static final Set<SeamlessEvent> FROM_HOSPITAL = EnumSet.of(SeamlessEvent.D2A_REFERRAL,
            SeamlessEvent.D2A_ADMISSION, SeamlessEvent.D2A_WARD_TRANSFER, SeamlessEvent.D2A_PREDICTED_DISCHARGE_DATE,
            SeamlessEvent.D2A_DISCHARGE_READY_DATE, SeamlessEvent.D2A_PATHWAY_CHANGED, SeamlessEvent.D2A_DELAY,
            SeamlessEvent.D2A_READY_FOR_DISCHARGE, SeamlessEvent.D2A_DISCHARGED, SeamlessEvent.D2A_CANCELLED);
    /** Events a local authority sends back to the trust. */
    public static final Set<SeamlessEvent> FROM_COUNCIL = EnumSet.of(SeamlessEvent.D2A_ACKNOWLEDGEMENT,
            SeamlessEvent.D2A_ASSESSMENT_OUTCOME, SeamlessEvent.D2A_CARE_IN_PLACE, SeamlessEvent.D2A_CARE_ARRANGED);

    private D2aCodes() {
    }

    public static boolean isD2a(SeamlessEvent event) {
        return FROM_HOSPITAL.contains(event) || FROM_COUNCIL.contains(event);
    }

    /** Discharge to assess pathways (hospital discharge and community support guidance, January 2024). */
    public enum Pathway {
        P0("0", "Pathway 0: simple discharge home, no new or additional support from health or social care"),
        P1("1", "Pathway 1: home with new or restarted support from health and/or social care"),
        P2("2", "Pathway 2: recovery, rehabilitation or short-term care in a 24-hour bedded setting"),
        P3("3", "Pathway 3: long-term 24-hour care in a care home, after a significant change in needs");

        private final String code;
        private final String display;

        Pathway(String code, String display) {
            this.code = code;
            this.display = display;
        }

        public String code() {
            return code;
        }

        public String display() {
            return display;
        }

        public static Optional<Pathway> fromCode(String code) {
            return Arrays.stream(values()).filter(p -> p.code.equals(code)).findFirst();
        }
    }

    /**
     * Delay reasons of the NHS England acute discharge situation report (patients no longer meeting the
     * criteria to reside who were not discharged). The codes are Seamless's stable keys for the published
     * categories (the sitrep names categories, not codes); the display is the category.
     */
    public enum DelayReason {
        MEDICAL_DECISION("medical-decision", "Awaiting a medical decision or intervention, including the discharge summary"),
        THERAPY_DECISION("therapy-decision", "Awaiting a therapy decision to discharge"),
        DIAGNOSTICS("diagnostics", "Awaiting a diagnostic test or treatment"),
        MEDICINES("medicines", "Awaiting medicines to take home"),
        TRANSPORT("transport", "Awaiting transport"),
        REFERRAL_TO_HUB("referral-to-hub", "Awaiting referral to the care transfer hub or single point of access"),
        HUB_CONFIRMATION("hub-confirmation", "Awaiting confirmation from the care transfer hub that the referral was received and actioned"),
        ASSESSMENT("assessment", "Awaiting an assessment by social care or the care transfer hub"),
        PATHWAY1_CAPACITY("pathway1-capacity", "Awaiting availability of care at home (pathway 1)"),
        PATHWAY2_CAPACITY("pathway2-capacity", "Awaiting availability of a rehabilitation or short-term bed (pathway 2)"),
        PATHWAY3_CAPACITY("pathway3-capacity", "Awaiting availability of a care home bed (pathway 3)"),
        EQUIPMENT("equipment", "Awaiting community equipment or adaptations to housing"),
        FUNDING("funding", "Awaiting a funding decision (e.g. NHS continuing healthcare)"),
        CHOICE("choice", "Patient, family or carer choice, or disagreement with the discharge plan"),
        HOUSING("housing", "Homeless, no recourse to public funds or no place to discharge to"),
        SAFEGUARDING("safeguarding", "Safeguarding concern preventing discharge"),
        REPATRIATION("repatriation", "Repatriation or transfer to another trust"),
        OTHER("other", "Other reason (see the note)");

        private final String code;
        private final String display;

        DelayReason(String code, String display) {
            this.code = code;
            this.display = display;
        }

        public String code() {
            return code;
        }

        public String display() {
            return display;
        }

        public static Optional<DelayReason> fromCode(String code) {
            return Arrays.stream(values()).filter(p -> p.code.equals(code)).findFirst();
        }
    }

    /** The council's assessment outcome. */
    public enum Outcome {
        PATHWAY_CONFIRMED("pathway-confirmed", "Proposed pathway confirmed"),
        PATHWAY_CHANGED("pathway-changed", "A different pathway is needed (see the confirmed pathway)"),
        NO_ELIGIBLE_NEEDS("no-eligible-needs", "No eligible care and support needs"),
        NHS_CONTINUING_HEALTHCARE("nhs-chc", "Referred for NHS continuing healthcare assessment"),
        DECLINED_BY_PERSON("declined", "The person declined an assessment or support"),
        NOT_OUR_AREA("not-our-area", "Not ordinarily resident in this council's area");

        private final String code;
        private final String display;

        Outcome(String code, String display) {
            this.code = code;
            this.display = display;
        }

        public String code() {
            return code;
        }

        public String display() {
            return display;
        }

        public static Optional<Outcome> fromCode(String code) {
            return Arrays.stream(values()).filter(p -> p.code.equals(code)).findFirst();
        }
    }

    /** Kind of care package. */
    public enum PackageType {
        HOME_CARE("home-care", "Home care (domiciliary care visits)"),
        REABLEMENT("reablement", "Reablement at home"),
        INTERMEDIATE_BED("intermediate-bed", "Intermediate care or short-term bed"),
        RESIDENTIAL("residential", "Residential care home"),
        NURSING("nursing", "Nursing home"),
        DAY_SERVICE("day-service", "Day service"),
        OTHER("other", "Other support");

        private final String code;
        private final String display;

        PackageType(String code, String display) {
            this.code = code;
            this.display = display;
        }

        public String code() {
            return code;
        }

        public String display() {
            return display;
        }

        public static Optional<PackageType> fromCode(String code) {
            return Arrays.stream(values()).filter(p -> p.code.equals(code)).findFirst();
        }
    }
}
