package org.seamless.mappings.canonical;

import java.util.Arrays;
import java.util.Optional;

/**
 * The events Seamless carries, as codes of the project's own CodeSystem
 * ({@value #SYSTEM}); the CodeSystem resource ships in {@code fhir/CodeSystem-seamless-event.json}.
 */
public enum SeamlessEvent {
    ADMISSION_NOTICE("admission-notice", "Admission notice (Care Act 2014 Sch. 3)"),
    ASSESSMENT_NOTICE("assessment-notice", "Assessment notice (Care Act 2014 Sch. 3)"),
    DISCHARGE_NOTICE("discharge-notice", "Discharge notice (Care Act 2014 Sch. 3)"),
    WITHDRAWAL_NOTICE("withdrawal-notice", "Withdrawal notice (Care Act 2014 Sch. 3)"),
    NOTICE_RESPONSE("notice-response", "Notice response: accepted or rejected"),
    ALERT_START("alert-start", "Social care alert start"),
    ALERT_UPDATE("alert-update", "Social care alert update"),
    ALERT_END("alert-end", "Social care alert end"),
    ALERT_ACCESS("alert-access", "Social care alert access notification"),
    REFERRAL("referral", "Referral"),
    REFERRAL_OUTCOME("referral-outcome", "Referral outcome"),
    CONSENT_UPDATE("consent-update", "Consent or objection update"),
    D2A_REFERRAL("d2a-referral", "Discharge to assess: referral with proposed pathway"),
    D2A_ADMISSION("d2a-admission", "Discharge to assess: admission"),
    D2A_WARD_TRANSFER("d2a-ward-transfer", "Discharge to assess: ward transfer"),
    D2A_PREDICTED_DISCHARGE_DATE("d2a-predicted-discharge-date", "Discharge to assess: predicted discharge date"),
    D2A_DISCHARGE_READY_DATE("d2a-discharge-ready-date", "Discharge to assess: discharge ready date set or changed"),
    D2A_PATHWAY_CHANGED("d2a-pathway-changed", "Discharge to assess: pathway changed"),
    D2A_DELAY("d2a-delay", "Discharge to assess: delay reason"),
    D2A_READY_FOR_DISCHARGE("d2a-ready-for-discharge", "Discharge to assess: ready for discharge"),
    D2A_DISCHARGED("d2a-discharged", "Discharge to assess: discharged with destination"),
    D2A_CANCELLED("d2a-cancelled", "Discharge to assess: referral cancelled"),
    D2A_ACKNOWLEDGEMENT("d2a-acknowledgement", "Discharge to assess: referral acknowledged"),
    D2A_ASSESSMENT_OUTCOME("d2a-assessment-outcome", "Discharge to assess: assessment outcome"),
    D2A_CARE_IN_PLACE("d2a-care-in-place", "Discharge to assess: care already in place"),
    D2A_CARE_ARRANGED("d2a-care-arranged", "Discharge to assess: care arranged with start date"),
    RECALL("recall", "Recall: stop using data received in earlier messages (consent withdrawn or objection)"),
    HOME_CARE_SUSPEND("home-care-suspend", "Home care: suspend visits (the client was admitted to hospital)"),
    HOME_CARE_RESUME("home-care-resume", "Home care: resume visits, or keep them suspended (the client was discharged)");

    /** Canonical URL of the project's event CodeSystem. */
    public static final String SYSTEM = "https://seamless.dev/fhir/CodeSystem/seamless-event";

    private final String code;
    private final String display;

    SeamlessEvent(String code, String display) {
        this.code = code;
        this.display = display;
    }

    public String code() {
        return code;
    }

    public String display() {
        return display;
    }

    public static Optional<SeamlessEvent> fromCode(String code) {
        return Arrays.stream(values()).filter(e -> e.code.equals(code)).findFirst();
    }
}
