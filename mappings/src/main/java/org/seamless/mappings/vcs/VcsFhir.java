package org.seamless.mappings.vcs;

/** FHIR systems the voluntary-sector mappings use. */
public final class VcsFhir {
    /** Identifier system of a Seamless agency id (the same one consents use for recipients). */
    public static final String AGENCY_SYSTEM = "https://seamless.dev/fhir/Id/agency";
    /** Identifier system of a referral id (= the referral message's id). */
    public static final String REFERRAL_SYSTEM = "https://seamless.dev/fhir/Id/referral";
    /** Identifier system of an outcome id (= the outcome message's id). */
    public static final String OUTCOME_SYSTEM = "https://seamless.dev/fhir/Id/referral-outcome";
    /** Codes of services asked for ({@code home-from-hospital}, ...). */
    public static final String SERVICE_SYSTEM = "https://seamless.dev/fhir/CodeSystem/vcs-service";
    /** Codes of needs ({@code shopping}, {@code befriending}, ...). */
    public static final String NEED_SYSTEM = "https://seamless.dev/fhir/CodeSystem/vcs-need";
    /** Codes of outcomes reported by a service ({@code support-provided}, ...). */
    public static final String OUTCOME_CODE_SYSTEM = "https://seamless.dev/fhir/CodeSystem/vcs-outcome";
    /** Identifier system of a pseudonym (set by the hub's Pseudonymiser). */
    public static final String PSEUDONYM_SYSTEM = "https://seamless.dev/fhir/Id/pseudonym";
    /** The age band extension the Pseudonymiser puts on a pseudonymised Patient. */
    public static final String AGE_BAND_EXTENSION = "https://seamless.dev/fhir/StructureDefinition/age-band";
    /** MessageHeader endpoint of an agency without an ODS code; the agency id follows. */
    public static final String AGENCY_ENDPOINT_PREFIX = "urn:seamless:agency:";
    /** The service a discharge notice triggers. */
    public static final String HOME_FROM_HOSPITAL = "home-from-hospital";

    private VcsFhir() {
    }

    /** A dateTime in UTC with "Z", at second precision. */
    static org.hl7.fhir.r4.model.DateTimeType utc(java.time.Instant at) {
        var t = new org.hl7.fhir.r4.model.DateTimeType(java.util.Date.from(at),
                ca.uhn.fhir.model.api.TemporalPrecisionEnum.SECOND, java.util.TimeZone.getTimeZone("UTC"));
        t.setTimeZoneZulu(true);
        return t;
    }
}
