package org.seamless.hub.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pull's identifier parameter: only the NHS number system, Modulus 11, and never the value in an error. */
class FlagPullProviderTest {
    private static final String GOOD = "9990000018";
    private static final String SYSTEM = "https://fhir.nhs.uk/Id/nhs-number|";

    @Test
    void acceptsTheNhsNumberSystemAndIgnoresFormatParameters() {
        assertThat(FlagPullProvider.nhsNumber(Map.of("patient.identifier", new String[] {SYSTEM + GOOD},
                "_format", new String[] {"json"})).value()).isEqualTo(GOOD);
    }

    @Test
    void refusesWithoutRepeatingTheValue() {
        String badCheck = "9990000017";
        for (Map<String, String[]> params : java.util.List.<Map<String, String[]>>of(
                Map.of("patient.identifier", new String[] {SYSTEM + badCheck}),
                Map.of("patient.identifier", new String[] {"https://example.org/mrn|" + badCheck}),
                Map.of("patient.identifier", new String[] {badCheck}),
                Map.of("patient.identifier", new String[] {SYSTEM + GOOD, SYSTEM + GOOD}),
                Map.of("patient.identifier", new String[] {SYSTEM + GOOD}, "name", new String[] {badCheck}),
                Map.of())) {
            assertThatThrownBy(() -> FlagPullProvider.nhsNumber(params)).isInstanceOf(InvalidRequestException.class)
                    .satisfies(e -> {
                        assertThat(e.getMessage()).doesNotContain(badCheck);
                        String oo = ca.uhn.fhir.context.FhirContext.forR4Cached().newJsonParser().encodeResourceToString(
                                ((InvalidRequestException) e).getOperationOutcome());
                        assertThat(oo).doesNotContain(badCheck).contains("\"code\":\"invalid\"");
                    });
        }
    }
}
