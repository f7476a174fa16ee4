package org.seamless.mappings.alert;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of social care alert, as codes of the project's CodeSystem {@value #SYSTEM}
 * ({@code fhir/CodeSystem-seamless-alert-type.json}). A SNOMED CT concept is sent beside the
 * project code only where one has been identified (ADR 0015); the category is an HL7
 * {@code flag-category} code.
 */
public enum AlertType {
    CHILD_PROTECTION_PLAN("child-protection-plan", "Subject of a child protection plan",
            "342191000000101", "Subject to child protection plan (finding)", "safety", true),
    UNBORN_CHILD_PROTECTION_PLAN("unborn-child-protection-plan", "Unborn child subject of a child protection plan",
            null, null, "safety", true),
    LOOKED_AFTER_CHILD("looked-after-child", "Looked after child",
            "764841000000100", "Looked after child (finding)", "safety", true),
    ADULT_SAFEGUARDING("adult-safeguarding", "Adult safeguarding enquiry open", null, null, "safety", false),
    CARER("carer", "Carer", null, null, "contact", false),
    ALLOCATED_WORKER("allocated-worker", "Allocated social care worker", null, null, "contact", false),
    /**
     * Reasonable adjustments the person needs (Equality Act 2010 s20; the NHS reasonable adjustment digital
     * flag, ADR 0083): the one type any agency kind may record, not only a local authority.
     */
    REASONABLE_ADJUSTMENT("reasonable-adjustment", "Reasonable adjustments required", null, null, "admin", false);

    public static final String SYSTEM = "https://seamless.dev/fhir/CodeSystem/seamless-alert-type";
    public static final String SNOMED = "http://snomed.info/sct";
    public static final String FLAG_CATEGORY = "http://terminology.hl7.org/CodeSystem/flag-category";

    private final String code;
    private final String display;
    private final String snomedCode;
    private final String snomedDisplay;
    private final String category;
    private final boolean notifiesAccess;

    AlertType(String code, String display, String snomedCode, String snomedDisplay, String category,
              boolean notifiesAccess) {
        this.code = code;
        this.display = display;
        this.snomedCode = snomedCode;
        this.snomedDisplay = snomedDisplay;
        this.category = category;
        this.notifiesAccess = notifiesAccess;
    }

    public String code() {
        return code;
    }

    public String display() {
        return display;
    }

    public Optional<String> snomedCode() {
        return Optional.ofNullable(snomedCode);
    }

    public String snomedDisplay() {
        return snomedDisplay;
    }

    /** The HL7 flag-category code. */
    public String category() {
        return category;
    }

    /** True for child protection and looked-after alerts: a pull of them tells the owning LA (as CP-IS does). */
    public boolean notifiesAccess() {
        return notifiesAccess;
    }

    /** True for the types an agency of any kind may record (ADR 0083); the others are a local authority's. */
    public boolean anyAgencyMayRecord() {
        return this == REASONABLE_ADJUSTMENT;
    }

    public static Optional<AlertType> fromCode(String code) {
        return Arrays.stream(values()).filter(t -> t.code.equalsIgnoreCase(code == null ? "" : code.strip())).findFirst();
    }
}
