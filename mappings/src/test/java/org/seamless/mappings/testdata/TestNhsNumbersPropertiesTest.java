package org.seamless.mappings.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.seamless.mappings.canonical.InvalidNhsNumberException;
import org.seamless.mappings.canonical.NhsNumber;

/** Property-based checks of the test NHS numbers (jqwik engine; kept apart from the Jupiter tests). */
class TestNhsNumbersPropertiesTest {

    @Property(tries = 1000)
    void randomNumbersAreValidAndInTheTestRange(@ForAll long seed) {
        String digits = TestNhsNumbers.randomDigits(new Random(seed));
        assertThat(NhsNumber.isValid(digits)).isTrue();
        assertThat(Long.parseLong(digits)).isBetween(9_990_000_000L, 9_999_999_999L);
    }

    @Property(tries = 1000)
    void badCheckDigitsFailTheCheckDigitRule(@ForAll long seed) {
        assertThat(TestDataTest.reason(TestNhsNumbers.badCheckDigit(new Random(seed))))
                .isEqualTo(InvalidNhsNumberException.Reason.CHECK_DIGIT);
    }
}
