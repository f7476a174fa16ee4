package org.seamless.privacy.sensitivity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;

class SensitivityPolicyTest {
    static SensitivityPolicy load(String yaml) {
        return SensitivityPolicyLoader.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "policy.yml");
    }

    @Test
    void theDefaultsCoverTheFourClinicalCategoriesAndTheTwoLabels() {
        SensitivityPolicy p = SensitivityPolicy.defaults();
        assertThat(p.categoryNames()).containsExactlyInAnyOrder("sexual-health", "hiv", "gender-reassignment", "ivf",
                "restricted", "very-restricted");
        assertThat(p.categoriesOf(new Condition().setCode(new CodeableConcept(TestMessages.snomed("52637005")))))
                .containsExactly("ivf");
        assertThat(p.categoriesOf(TestMessages.labelled(new Observation(), "V"))).containsExactly("very-restricted");
        assertThat(p.categoriesOf(TestMessages.labelled(new Observation(), "N"))).isEmpty();
        assertThat(p.category("hiv").orElseThrow().note()).contains("Illustrative");
    }

    @Test
    void aDeployerPolicyReplacesTheDefaults() {
        SensitivityPolicy p = load("""
                categories:
                  - name: mental-health
                    note: IG lead list v1
                    codes:
                      - system: http://snomed.info/sct
                        include: ["35489007"]
                  - name: restricted
                    security-labels:
                      - system: http://terminology.hl7.org/CodeSystem/v3-Confidentiality
                        include: [R, V]
                """);
        assertThat(p.categoryNames()).containsExactlyInAnyOrder("mental-health", "restricted");
        assertThat(p.categoriesOf(new Condition().setCode(new CodeableConcept(TestMessages.snomed("35489007")))))
                .containsExactly("mental-health");
        assertThat(p.categoriesOf(TestMessages.labelled(new Observation(), "V"))).containsExactly("restricted");
    }

    @Test
    void badPoliciesAreRefused() {
        assertThatThrownBy(() -> load("categories:\n  - name: x\n    colour: red\n    codes: []\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("colour");
        assertThatThrownBy(() -> load("categories:\n  - name: x\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x");
        assertThatThrownBy(() -> load("categories:\n  - name: x\n    codes:\n      - system: s\n        include: [a]\n"
                + "  - name: x\n    codes:\n      - system: s\n        include: [b]\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("defined twice");
    }
}
