package org.seamless.mappings.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seamless.mappings.canonical.InvalidNhsNumberException;
import org.seamless.mappings.canonical.InvalidNhsNumberException.Reason;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.canonical.SeamlessEvent;

class TestDataTest {

    @Test
    void fixedNumbersAreValidAndInvalidOnesFailForTheRightReason() {
        assertThat(TestNhsNumbers.FIXED_VALID).allMatch(NhsNumber::isValid).contains(TestNhsNumbers.FIXED);
        assertThat(TestNhsNumbers.WRONG_LENGTH)
                .allSatisfy(n -> assertThat(reason(n)).isIn(Reason.NOT_TEN_DIGITS, Reason.MISSING));
        List<String> prefixes = TestNhsNumbers.prefixesWithCheckDigitTen(5);
        assertThat(prefixes).hasSize(5).allMatch(p -> p.startsWith("999") && NhsNumber.checkDigitFor(p) == null);
        for (String prefix : prefixes) {
            for (int last = 0; last <= 9; last++) {
                assertThat(NhsNumber.isValid(prefix + last)).as("no check digit exists").isFalse();
            }
        }
        assertThat(TestNhsNumbers.withCheckDigitTenPrefix(3))
                .allSatisfy(n -> assertThat(reason(n)).isEqualTo(Reason.CHECK_DIGIT));
        assertThat(TestNhsNumbers.distinct(7L, 50)).doesNotHaveDuplicates().hasSize(50);
    }

    @Test
    void peopleAndNoticesAreReproducibleFromTheSeed() {
        TestPeople.Person a = new TestPeople(99L).next();
        TestPeople.Person b = new TestPeople(99L).next();
        assertThat(a).usingRecursiveComparison().isEqualTo(b);
        assertThat(a.toString()).doesNotContain(a.familyName());
        assertThat(TestNotices.discharge(5L).json()).isEqualTo(TestNotices.discharge(5L).json());
        assertThat(TestNotices.discharge(5L).json()).isNotEqualTo(TestNotices.discharge(6L).json());
        assertThat(TestNotices.admission(5L).details().plannedDischargeDate()).isNull();
        assertThat(TestNotices.messageId(SeamlessEvent.DISCHARGE_NOTICE, 5L)).isEqualTo(TestNotices.discharge(5L).messageId());
    }

    static Reason reason(String raw) {
        try {
            NhsNumber.parse(raw);
            return null;
        } catch (InvalidNhsNumberException e) {
            return e.reason();
        }
    }
}
