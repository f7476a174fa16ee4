package org.seamless.adapters.vcswebhook;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.seamless.adapters.push.HttpPush;
import org.seamless.adapters.push.SinkOutcome;
import org.seamless.adapters.spi.DeliveryJournal;
import org.seamless.mappings.canonical.BrokerHeaders;

/** Signs one released message and posts it to the organisation's webhook URL, then records the answer. */
final class WebhookPush implements Processor {
    private final String agencyId;
    private final HttpPush http;
    private final WebhookSignature signature;
    private final DeliveryJournal deliveries;
    private final Clock clock;

    WebhookPush(String agencyId, String url, Duration timeout, WebhookSignature signature, DeliveryJournal deliveries,
                Clock clock) {
        this.agencyId = agencyId;
        this.http = new HttpPush(url, timeout);
        this.signature = signature;
        this.deliveries = deliveries;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) throws org.apache.camel.InvalidPayloadException {
        Message msg = exchange.getMessage();
        byte[] body = msg.getMandatoryBody(String.class).getBytes(StandardCharsets.UTF_8);
        String eventId = WebhookSignature.eventId(msg.getHeader(BrokerHeaders.MESSAGE_ID, String.class),
                msg.getHeader(BrokerHeaders.REPLAY_GENERATION, 0, Integer.class));
        // why: a fresh timestamp on every attempt, so a redelivery after backoff is inside the receiver's window
        long now = clock.instant().getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/fhir+json;charset=UTF-8");
        headers.put(WebhookSignature.EVENT_ID_HEADER, eventId);
        headers.put(WebhookSignature.TIMESTAMP_HEADER, Long.toString(now));
        headers.put(WebhookSignature.SIGNATURE_HEADER, signature.sign(now, eventId, body));
        SinkOutcome outcome = WebhookAnswers.classify(http.post(exchange.getContext(), "", headers, body));
        outcome.report(deliveries, agencyId, msg);
    }

    @Override
    public String toString() {
        return "WebhookPush[" + agencyId + "]";
    }
}
