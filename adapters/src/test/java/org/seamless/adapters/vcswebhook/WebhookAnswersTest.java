package org.seamless.adapters.vcswebhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.seamless.adapters.push.HttpPush;
import org.seamless.adapters.push.SinkOutcome;

class WebhookAnswersTest {

    @Test
    void twoHundredsAreDelivered() {
        assertThat(WebhookAnswers.classify(answer(202, "", "")).delivered()).isTrue();
    }

    @Test
    void aProblemDocumentOnA4xxIsARefusalRecordedByTypeOnly() {
        SinkOutcome o = WebhookAnswers.classify(answer(422, "application/problem+json",
                "{\"type\":\"https://example.org/problems/not-eligible\",\"title\":\"Not eligible\","
                        + "\"detail\":\"Jane Smith is outside our area\"}"));
        assertThat(o.delivered()).isFalse();
        assertThat(o.detail()).isEqualTo("HTTP 422; problem type https://example.org/problems/not-eligible")
                .doesNotContain("Jane");
    }

    @Test
    void aTypeThatIsNotAUriIsNotRepeated() {
        SinkOutcome o = WebhookAnswers.classify(answer(400, "application/json",
                "{\"type\":\"Jane Smith, 12 High St\",\"title\":\"x\"}"));
        assertThat(o.detail()).isEqualTo("HTTP 400; problem type not given");
    }

    @Test
    void serverErrorsAndRateLimitsWaitAuthFailuresAndBareFourHundredsAreFaults() {
        String problem = "{\"type\":\"about:blank\",\"title\":\"x\"}";
        for (HttpPush.Answer a : new HttpPush.Answer[] {answer(503, "application/problem+json", problem),
                answer(429, "application/problem+json", problem), answer(500, "", "")}) {
            assertThatThrownBy(() -> WebhookAnswers.classify(a)).isInstanceOf(HttpPush.RetryLaterException.class)
                    .hasMessageContaining(Integer.toString(a.status()));
        }
        for (HttpPush.Answer a : new HttpPush.Answer[] {answer(401, "application/problem+json", problem),
                answer(422, "text/html", "<html>oops</html>"), answer(302, "", "")}) {
            assertThatThrownBy(() -> WebhookAnswers.classify(a))
                    .isInstanceOf(org.seamless.adapters.failure.DeliveryFaultException.class)
                    .hasMessageContaining(Integer.toString(a.status()));
        }
    }

    private static HttpPush.Answer answer(int status, String type, String body) {
        return new HttpPush.Answer(status, type, body.getBytes(StandardCharsets.UTF_8));
    }
}
