package org.seamless.adapters.vcswebhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.seamless.adapters.push.HttpPush;
import org.seamless.adapters.push.SinkOutcome;

/**
 * Reads a webhook receiver's answer: 2xx is delivered; a 4xx with an RFC 9457 problem document
 * (401, 403, 404, 408, 429 and similar excepted) is a business refusal, recorded with its status
 * and problem {@code type} only; anything else is classified by
 * {@link org.seamless.adapters.failure.DeliveryFailureClassifier} (5xx, 408, 429: transient; others: a fault).
 */
final class WebhookAnswers {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A problem type is a URI chosen by the receiver; anything else is not repeated. */
    private static final Pattern SAFE_TYPE = Pattern.compile("[A-Za-z0-9:/._#~=+-]{1,200}");

    private WebhookAnswers() {
    }

    static SinkOutcome classify(HttpPush.Answer answer) {
        if (answer.success()) {
            return SinkOutcome.delivered("accepted by the webhook receiver (HTTP " + answer.status() + ")");
        }
        Optional<JsonNode> problem = problem(answer);
        if (answer.mayBeRefusal() && problem.isPresent()) {
            String type = problem.get().path("type").asText("");
            return SinkOutcome.refused("HTTP " + answer.status() + "; problem type "
                    + (SAFE_TYPE.matcher(type).matches() ? type : "not given"));
        }
        throw answer.failure("webhook receiver");
    }

    private static Optional<JsonNode> problem(HttpPush.Answer answer) {
        String ct = answer.contentType().toLowerCase();
        if (!ct.startsWith("application/problem+json") && !ct.startsWith("application/json")) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(answer.body());
            return node != null && node.isObject() && (node.has("type") || node.has("title"))
                    ? Optional.of(node) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
