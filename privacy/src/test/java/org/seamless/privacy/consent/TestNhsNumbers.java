package org.seamless.privacy.consent;

import org.seamless.mappings.canonical.NhsNumber;

/** Valid test NHS numbers: the 999 000 0000 – 999 999 9999 test range, Modulus 11 check digit computed. */
public final class TestNhsNumbers {
    private TestNhsNumbers() {
    }

    /** The n-th (from 0) valid number counting up from 999 000 000x. */
    public static NhsNumber nth(int n) {
        int found = -1;
        for (int prefix = 999_000_000; prefix <= 999_999_999; prefix++) {
            String nine = Integer.toString(prefix);
            Integer check = NhsNumber.checkDigitFor(nine);
            if (check != null && ++found == n) {
                return NhsNumber.parse(nine + check);
            }
        }
        throw new IllegalArgumentException("no such test number");
    }

    /** Nine digits that have no valid check digit, plus a wrong one: an invalid number in the test range. */
    public static String invalid() {
        NhsNumber valid = nth(0);
        int last = valid.value().charAt(9) - '0';
        return valid.value().substring(0, 9) + ((last + 1) % 10);
    }
}
