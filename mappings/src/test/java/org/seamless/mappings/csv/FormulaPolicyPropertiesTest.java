package org.seamless.mappings.csv;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Property-based checks (jqwik engine; kept apart from the JUnit Jupiter tests). */
class FormulaPolicyPropertiesTest {

    @Property(tries = 2000)
    void neutralisedCellsNeverStartLikeAFormula(@ForAll String cell) {
        assertThat(FormulaPolicy.startsLikeFormula(FormulaPolicy.NEUTRALISE.apply(cell))).isFalse();
    }

    @Property(tries = 2000)
    void exceptNumericLeavesOnlyLetterFreeCellsUnneutralised(@ForAll String cell) {
        String out = FormulaPolicy.NEUTRALISE_EXCEPT_NUMERIC.apply(cell);
        if (FormulaPolicy.startsLikeFormula(out)) {
            assertThat(out).matches("[0-9 +().\\-]+");
        }
    }
}
