package org.seamless.mappings.testdata;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.seamless.mappings.canonical.NhsNumber;

/** Test NHS numbers from the published test range 999 000 0000 – 999 999 9999, valid and invalid. */
public final class TestNhsNumbers {
    /** A fixed valid test number, for tests that need one known value. */
    public static final String FIXED = "9990000018";
    /** More fixed valid test numbers. */
    public static final List<String> FIXED_VALID = List.of("9990000018", "9990000026", "9990000034", "9990000042");
    /** Wrong lengths and non-digits (each fails before the check digit is looked at). */
    public static final List<String> WRONG_LENGTH = List.of("999000001", "99900000180", "", "99900000 1", "999000001X");

    private TestNhsNumbers() {
    }

    /** A random valid number in the test range. */
    public static NhsNumber random(Random random) {
        return NhsNumber.parse(randomDigits(random));
    }

    /** A random valid number in the test range, as ten digits. */
    public static String randomDigits(Random random) {
        while (true) {
            String nine = "999" + String.format("%06d", random.nextInt(1_000_000));
            Integer check = NhsNumber.checkDigitFor(nine);
            if (check != null) {
                return nine + check;
            }
        }
    }

    /** {@code count} distinct valid numbers from a seed. */
    public static List<NhsNumber> distinct(long seed, int count) {
        Random random = new Random(seed);
        java.util.Set<String> seen = new java.util.LinkedHashSet<>();
        while (seen.size() < count) {
            seen.add(randomDigits(random));
        }
        return seen.stream().map(NhsNumber::parse).toList();
    }

    /** A ten-digit test-range string whose check digit is wrong (the right one exists and differs). */
    public static String badCheckDigit(Random random) {
        String valid = randomDigits(random);
        int right = valid.charAt(9) - '0';
        int wrong = (right + 1 + random.nextInt(9)) % 10;
        return valid.substring(0, 9) + wrong;
    }

    /** Nine-digit test-range prefixes whose Modulus 11 check digit would be 10: no NHS number starts with them. */
    public static List<String> prefixesWithCheckDigitTen(int count) {
        List<String> result = new ArrayList<>();
        for (int i = 0; result.size() < count && i < 1_000_000; i++) {
            String nine = "999" + String.format("%06d", i);
            if (NhsNumber.checkDigitFor(nine) == null) {
                result.add(nine);
            }
        }
        return result;
    }

    /** Ten-digit strings built on those prefixes (every final digit is invalid). */
    public static List<String> withCheckDigitTenPrefix(int count) {
        return prefixesWithCheckDigitTen(count).stream().map(p -> p + "0").toList();
    }
}
