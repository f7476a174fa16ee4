package org.seamless.mappings.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FormulaPolicyTest {

    @ParameterizedTest
    @ValueSource(strings = {"=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx", "=HYPERLINK(\"x\")"})
    void neutralisePrefixesEveryTriggerCharacter(String cell) {
        assertThat(FormulaPolicy.NEUTRALISE.apply(cell)).isEqualTo("'" + cell);
        assertThat(FormulaPolicy.OFF.apply(cell)).isEqualTo(cell);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Smith", "9990000018", "'=already", " =x", "", "Anne-Marie"})
    void harmlessCellsAreUntouched(String cell) {
        for (FormulaPolicy p : FormulaPolicy.values()) {
            assertThat(p.apply(cell)).isEqualTo(cell);
        }
    }

    @Test
    void exceptNumericKeepsPhoneNumbersButNotFormulas() {
        FormulaPolicy p = FormulaPolicy.NEUTRALISE_EXCEPT_NUMERIC;
        assertThat(p.apply("+44 7700 900123")).isEqualTo("+44 7700 900123");
        assertThat(p.apply("+44 (0)113 496 0000")).isEqualTo("+44 (0)113 496 0000");
        assertThat(p.apply("-3")).isEqualTo("-3");
        assertThat(p.apply("+44 7700 900123 x=cmd")).isEqualTo("'+44 7700 900123 x=cmd");
        assertThat(p.apply("+-")).isEqualTo("'+-");
        assertThat(p.apply("=1+1")).isEqualTo("'=1+1");
        assertThat(p.apply(null)).isNull();
    }

    @Test
    void configSpelling() {
        assertThat(FormulaPolicy.fromConfig(" Neutralise-Except-Numeric ")).isEqualTo(FormulaPolicy.NEUTRALISE_EXCEPT_NUMERIC);
        assertThat(FormulaPolicy.fromConfig("off")).isEqualTo(FormulaPolicy.OFF);
        assertThatThrownBy(() -> FormulaPolicy.fromConfig("maybe")).isInstanceOf(IllegalArgumentException.class);
    }
}
