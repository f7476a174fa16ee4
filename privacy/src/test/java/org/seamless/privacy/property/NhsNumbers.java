package org.seamless.privacy.property;

import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.seamless.mappings.canonical.NhsNumber;

/** Valid NHS numbers in the 999 test range (999 000 0000 to 999 999 9999), built with the real check digit. */
final class NhsNumbers {
    private NhsNumbers() {
    }

    static Arbitrary<NhsNumber> testRange() {
        return Arbitraries.integers().between(0, 999_999)
                .map(n -> String.format("999%06d", n))
                .filter(nine -> NhsNumber.checkDigitFor(nine) != null)
                .map(nine -> NhsNumber.parse(nine + NhsNumber.checkDigitFor(nine)));
    }

    static NhsNumber random(Random random) {
        while (true) {
            String nine = String.format("999%06d", random.nextInt(1_000_000));
            Integer check = NhsNumber.checkDigitFor(nine);
            if (check != null) {
                return NhsNumber.parse(nine + check);
            }
        }
    }
}
