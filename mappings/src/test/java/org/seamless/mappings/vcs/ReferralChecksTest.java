package org.seamless.mappings.vcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seamless.mappings.testdata.TestNhsNumbers;

class ReferralChecksTest {
    static ReferralSubmission.Person person(String nhs) {
        return new ReferralSubmission.Person(nhs, "Ann", "Testperson", "1940-02-03", "female", "01130000000",
                new ReferralSubmission.Address(List.of("1 Test Street"), "Leeds", "LS1 4AP"));
    }

    static ReferralSubmission referral(String nhs) {
        return new ReferralSubmission("demo-charity", "home-from-hospital", List.of("shopping", "befriending"),
                "urgent", "Lives alone", person(nhs));
    }

    @Test
    void aCompleteReferralPasses() {
        assertThat(ReferralChecks.check(referral(TestNhsNumbers.FIXED)).value()).isEqualTo(TestNhsNumbers.FIXED);
    }

    @Test
    void anNhsNumberFailingModulus11IsRefusedWithoutRepeatingIt() {
        String bad = "9990000017";
        assertThatThrownBy(() -> ReferralChecks.check(referral(bad)))
                .isInstanceOfSatisfying(VcsInputException.class, e -> {
                    assertThat(e.code()).isEqualTo("invalid-nhs-number");
                    assertThat(e.field()).isEqualTo("person.nhsNumber");
                    assertThat(e.getMessage()).doesNotContain(bad);
                });
    }

    @Test
    void missingRequiredFieldsAreNamed() {
        assertThatThrownBy(() -> ReferralChecks.check(new ReferralSubmission(null, "x", null, null, null,
                person(TestNhsNumbers.FIXED)))).isInstanceOfSatisfying(VcsInputException.class,
                e -> assertThat(e.code() + " " + e.field()).isEqualTo("missing-field to"));
        assertThatThrownBy(() -> ReferralChecks.check(new ReferralSubmission("a", "x", null, null, null, null)))
                .isInstanceOfSatisfying(VcsInputException.class,
                        e -> assertThat(e.code() + " " + e.field()).isEqualTo("missing-field person"));
        assertThatThrownBy(() -> ReferralChecks.check(new OutcomeSubmission(null, null, null)))
                .isInstanceOfSatisfying(VcsInputException.class,
                        e -> assertThat(e.code() + " " + e.field()).isEqualTo("missing-field status"));
    }

    @Test
    void valuesOutsideTheirSetAreInvalid() {
        assertThatThrownBy(() -> ReferralChecks.check(new ReferralSubmission("a", "Home From Hospital", null, null,
                null, person(TestNhsNumbers.FIXED)))).isInstanceOfSatisfying(VcsInputException.class,
                e -> assertThat(e.code() + " " + e.field()).isEqualTo("invalid-value service"));
        assertThatThrownBy(() -> ReferralChecks.check(new OutcomeSubmission("done", null, null)))
                .isInstanceOfSatisfying(VcsInputException.class,
                        e -> assertThat(e.code() + " " + e.field()).isEqualTo("invalid-value status"));
    }
}
