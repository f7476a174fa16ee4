package org.seamless.edge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.seamless.adapters.spi.InboundGate;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;

/** The JSON APIs' "try again later": 503, Retry-After and the documented problem type, nothing about the input. */
class UnavailableAnswersTest {
    @Test
    void aBrokerThatCannotStoreNowIsAnswered503WithRetryAfterAndTheUnavailableProblemType() {
        MockHttpServletRequest req = new MockHttpServletRequest("POST", "/api/v1/vcs/referrals");
        ResponseEntity<ProblemDetail> answer = new UnavailableAnswers().unavailable(new InboundGate.Unavailable(
                "the broker could not store the message (NOT_CONNECTED after 3 attempts)", 5, null), req);

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("5");
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.getBody().getType().toString()).isEqualTo("https://seamless.dev/problems/unavailable");
        assertThat(answer.getBody().getDetail()).contains("nothing was accepted").contains("after 5 seconds");
        assertThat(answer.getBody().getInstance().toString()).isEqualTo("/api/v1/vcs/referrals");
    }
}
