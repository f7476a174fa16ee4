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
    CONSENT_UPDATE("consent-update", "Consent or objection update");

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
