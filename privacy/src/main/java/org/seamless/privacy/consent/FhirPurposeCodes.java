package org.seamless.privacy.consent;

import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Coding;

/**
 * The mapping table from FHIR purpose-of-use codings to {@link Purpose}. Codes not in the table
 * are errors, never guesses. HL7 v3 ActReason has no code for safeguarding or for a referral to a
 * voluntary organisation: those need the project's own CodeSystem ({@value Purpose#SYSTEM}).
 */
public final class FhirPurposeCodes {
    /** HL7 v3 ActReason, whose PurposeOfUse codes R4 {@code Consent.provision.purpose} draws on. */
    public static final String V3_ACT_REASON = "http://terminology.hl7.org/CodeSystem/v3-ActReason";

    private static final Map<String, Purpose> V3 = Map.of(
            "TREAT", Purpose.DIRECT_CARE,    // treatment
            "ETREAT", Purpose.DIRECT_CARE,   // emergency treatment
            "CAREMGT", Purpose.DIRECT_CARE,  // care management
            "HRESCH", Purpose.SECONDARY_USE, // healthcare research
            "HQUALIMP", Purpose.SECONDARY_USE, // health quality improvement
            "HOPERAT", Purpose.SECONDARY_USE,  // healthcare operations
            "PUBHLTH", Purpose.SECONDARY_USE); // public health

    private FhirPurposeCodes() {
    }

    /** The purpose a coding stands for, or empty when the table does not know it. */
    public static Optional<Purpose> purposeOf(Coding coding) {
        String system = coding.getSystem();
        String code = coding.getCode();
        if (Purpose.SYSTEM.equals(system)) {
            return Purpose.fromCode(code);
        }
        if (V3_ACT_REASON.equals(system)) {
            return Optional.ofNullable(V3.get(code));
        }
        return Optional.empty();
    }

    /** The v3 codes the table knows, for documentation and tests. */
    public static Map<String, Purpose> v3Table() {
        return V3;
    }
}
