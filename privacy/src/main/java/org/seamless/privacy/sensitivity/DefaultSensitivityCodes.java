package org.seamless.privacy.sensitivity;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The shipped default categories. ILLUSTRATIVE ONLY: a few real SNOMED CT concepts per category,
 * matched exactly (no descendants). They must be replaced by the IG lead's expanded lists before
 * production; see docs/privacy.md.
 */
public final class DefaultSensitivityCodes {
    public static final String SNOMED = "http://snomed.info/sct";
    public static final String CONFIDENTIALITY = "http://terminology.hl7.org/CodeSystem/v3-Confidentiality";

    public static final String SEXUAL_HEALTH = "sexual-health";
    public static final String HIV = "hiv";
    public static final String GENDER_REASSIGNMENT = "gender-reassignment";
    public static final String IVF = "ivf";
    /** Resources labelled R (restricted) in meta.security. */
    public static final String RESTRICTED = "restricted";
    /** Resources labelled V (very restricted) in meta.security. */
    public static final String VERY_RESTRICTED = "very-restricted";

    private DefaultSensitivityCodes() {
    }

    public static List<SensitivityCategory> categories() {
        return List.of(
                codes(SEXUAL_HEALTH, "Illustrative. Sexual health services are confidential by default.",
                        "8098009",    // Sexually transmitted infectious disease (disorder)
                        "15628003",   // Gonorrhea (disorder)
                        "76272004",   // Syphilis (disorder)
                        "105629000"), // Chlamydial infection (disorder)
                codes(HIV, "Illustrative.",
                        "86406008",   // Human immunodeficiency virus infection (disorder)
                        "165816005"), // Human immunodeficiency virus detected (finding)
                codes(GENDER_REASSIGNMENT, "Illustrative. Gender Recognition Act 2004 s22 restricts disclosure.",
                        "93461009",   // Gender dysphoria (disorder)
                        "407377005",  // Female-to-male transsexual (finding)
                        "407376001"), // Male-to-female transsexual (finding)
                codes(IVF, "Illustrative. Human Fertilisation and Embryology Act 1990 s33A restricts disclosure.",
                        "52637005"),  // In vitro fertilization (procedure) [FSN: Test tube ovum fertilization]
                new SensitivityCategory(RESTRICTED, Set.of(), Set.of(new CodeRef(CONFIDENTIALITY, "R")),
                        "HL7 v3 Confidentiality R (restricted)."),
                new SensitivityCategory(VERY_RESTRICTED, Set.of(), Set.of(new CodeRef(CONFIDENTIALITY, "V")),
                        "HL7 v3 Confidentiality V (very restricted)."));
    }

    private static SensitivityCategory codes(String name, String note, String... snomedCodes) {
        Set<CodeRef> refs = Arrays.stream(snomedCodes).map(c -> new CodeRef(SNOMED, c))
                .collect(Collectors.toUnmodifiableSet());
        return new SensitivityCategory(name, refs, Set.of(), note);
    }
}
