package org.seamless.mappings.vcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VcsJsonTest {
    private static final String VALID = """
            {"to": "demo-charity", "service": "home-from-hospital", "needs": ["shopping"],
             "person": {"nhsNumber": "9990000018", "familyName": "Testperson"}}""";

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsAValidReferral() {
        ReferralSubmission r = VcsJson.referral(bytes(VALID));
        assertThat(r.to()).isEqualTo("demo-charity");
        assertThat(r.person().nhsNumber()).isEqualTo("9990000018");
        assertThat(r.needs()).containsExactly("shopping");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"to\": \"x\", \"colour\": \"red\"}|unknown-field|colour",
            "{\"person\": {\"nhsNumber\": \"9990000018\", \"shoeSize\": \"9\"}}|unknown-field|person.shoeSize",
            "{\"to\": 42}|wrong-type|to",
            "{\"to\": true}|wrong-type|to",
            "{\"needs\": \"shopping\"}|wrong-type|needs",
            "{\"person\": \"9990000018\"}|wrong-type|person",
            "[1, 2]|wrong-type|''",
            "{\"to\": \"x\",}|malformed-json|",
            "{\"to\": \"x\"} {}|malformed-json|",
            "{\"to\": \"a\", \"to\": \"b\"}|malformed-json|",
            "not json|malformed-json|"})
    void refusesWithASpecificCode(String json, String code, String field) {
        assertThatThrownBy(() -> VcsJson.referral(bytes(json)))
                .isInstanceOfSatisfying(VcsInputException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.field() == null ? "" : e.field()).isEqualTo(field == null ? "" : field);
                });
    }

    @Test
    void aWrongTypeMessageDoesNotRepeatTheValue() {
        assertThatThrownBy(() -> VcsJson.referral(bytes("{\"person\": {\"nhsNumber\": 9990000018}}")))
                .isInstanceOfSatisfying(VcsInputException.class, e -> {
                    assertThat(e.code()).isEqualTo("wrong-type");
                    assertThat(e.getMessage()).doesNotContain("9990000018");
                });
    }

    @Test
    void aMalformedBodyMessageDoesNotRepeatTheText() {
        assertThatThrownBy(() -> VcsJson.referral(bytes("{\"person\": {\"nhsNumber\": \"9990000018\"x}}")))
                .isInstanceOfSatisfying(VcsInputException.class, e -> {
                    assertThat(e.code()).isEqualTo("malformed-json");
                    assertThat(e.getMessage()).doesNotContain("9990000018");
                });
    }

    @Test
    void anEmptyBodyIsMalformed() {
        assertThatThrownBy(() -> VcsJson.outcome(new byte[0]))
                .isInstanceOfSatisfying(VcsInputException.class, e -> assertThat(e.code()).isEqualTo("malformed-json"));
    }

    @Test
    void outcomesRefuseUnknownFieldsToo() {
        assertThatThrownBy(() -> VcsJson.outcome(bytes("{\"status\": \"completed\", \"sattus\": \"x\"}")))
                .isInstanceOfSatisfying(VcsInputException.class, e -> assertThat(e.code()).isEqualTo("unknown-field"));
    }
}
