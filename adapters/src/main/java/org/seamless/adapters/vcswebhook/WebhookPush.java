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
import org.seamless.adapters.spi.AgencyMailbox;
import org.seamless.adapters.spi.DeliveryJournal;
import org.seamless.mappings.canonical.BrokerHeaders;

/** Signs one released message and posts it to the organisation's webhook URL, then records the answer. */
final class WebhookPush implements Processor {
    private final String agencyId;
    private final HttpPush http;
    private final WebhookSignature signature;
    private final java.util.Optional<LegacyWebhookSignature> legacy;
    private final DeliveryJournal deliveries;
    private final Clock clock;
    private final AgencyMailbox mailbox;

    WebhookPush(String agencyId, String url, Duration timeout, WebhookSignature signature,
                java.util.Optional<LegacyWebhookSignature> legacy, DeliveryJournal deliveries, Clock clock,
                AgencyMailbox mailbox) {
        this.legacy = legacy;
        this.mailbox = mailbox;
        this.agencyId = agencyId;
        this.http = new HttpPush(url, timeout);
        this.signature = signature;
        this.deliveries = deliveries;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) throws org.apache.camel.InvalidPayloadException {
        Message msg = exchange.getMessage();
        VcsBody released = VcsBody.of(msg.getMandatoryBody(String.class));
        byte[] body = released.body().getBytes(StandardCharsets.UTF_8);
        String messageId = msg.getHeader(BrokerHeaders.MESSAGE_ID, String.class);
        int generation = msg.getHeader(BrokerHeaders.REPLAY_GENERATION, 0, Integer.class);
        // why: scoped by the sender, so two senders' messages that share an id are two events to the receiver
        String eventId = WebhookSignature.eventId(org.seamless.adapters.spi.ReleaseKeys.scopedId(msg), generation);
        // why: a fresh timestamp on every attempt, so a redelivery after backoff is inside the receiver's window
        long now = clock.instant().getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", released.contentType());
        headers.put(WebhookSignature.EVENT_ID_HEADER, eventId);
        headers.put(WebhookSignature.TIMESTAMP_HEADER, Long.toString(now));
        headers.put(WebhookSignature.SIGNATURE_HEADER, signature.sign(now, eventId, body));
        // why: for one release, receivers that still check the earlier scheme keep working (ADR 0049)
        legacy.ifPresent(l -> {
            headers.put(LegacyWebhookSignature.EVENT_ID_HEADER, eventId);
            headers.put(LegacyWebhookSignature.TIMESTAMP_HEADER, Long.toString(now));
            headers.put(LegacyWebhookSignature.SIGNATURE_HEADER, l.sign(now, eventId, body));
        });
        SinkOutcome outcome = WebhookAnswers.classify(http.post(exchange.getContext(), "", headers, body));
        if (outcome.delivered()) {
            // why: kept after the 2xx, so "list my referrals" shows what the organisation actually has
            mailbox.keep(new AgencyMailbox.Item(agencyId, eventId, messageId, generation,
                    msg.getHeader(BrokerHeaders.EVENT, String.class), released.contentType(), released.body()), false);
        }
        outcome.report(deliveries, agencyId, msg);
    }

    @Override
    public String toString() {
        return "WebhookPush[" + agencyId + "]";
    }
}
