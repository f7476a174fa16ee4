package org.seamless.adapters.vcswebhook;

import java.time.Clock;
import java.time.Duration;
import org.apache.camel.Exchange;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.seamless.adapters.registry.AdapterConfig;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.spi.AgencyMailbox;
import org.seamless.adapters.spi.DeliveryJournal;
import org.seamless.adapters.spi.AdapterContext;
import org.seamless.adapters.spi.Sink;

/**
 * Sends each message released to a voluntary organisation to its {@code webhook-url} as a signed
 * POST, run in the shared sink route ({@link org.seamless.adapters.spi.AgencySinkRoute}). The body is the plain
 * JSON of a referral or outcome ({@link VcsBody}); other events go as the canonical FHIR R4 message.
 * <p>Headers (Standard Webhooks, ADR 0049): {@code webhook-id} ({@code <message id>:<replay generation>},
 * stable across redeliveries), {@code webhook-timestamp} (epoch seconds of this attempt) and
 * {@code webhook-signature} (see {@link WebhookSignature}); with {@code webhook-legacy-signature: true}
 * also the earlier {@code Seamless-*} headers ({@link LegacyWebhookSignature}). The receiver must verify the signature
 * and the timestamp window, and act at most once per event id, answering a repeat with 2xx.
 * <p>2xx: delivered. 4xx with a problem document (auth, address and rate statuses excepted): a
 * business refusal, recorded with status and problem type only, consumed. No answer, a timeout, 408,
 * 429 or 5xx: transient, handled by the shared outage policy (the message waits, {@code Retry-After} is
 * honoured; {@link AdapterContext#SINK_ROUTE_CONFIGURATION}). Anything else: the transaction rolls
 * back; the broker redelivers with backoff, then dead-letters.
 */
public class WebhookSink implements Sink {
    private final WebhookPush push;

    public WebhookSink(AgencyConfig agency, AdapterContext context) {
        try {
            push = push(agency.id(), agency.adapter(), context.deliveries(), Clock.systemUTC(), context.mailbox());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("agency " + agency.id() + ": webhook adapter parameters: "
                    + e.getMessage(), e);
        }
    }

    /** The push an agency's adapter parameters describe: URL, timeout, secrets and whether to sign the old way too. */
    static WebhookPush push(String agencyId, AdapterConfig params, DeliveryJournal deliveries, Clock clock,
                            AgencyMailbox mailbox) {
        String secret = params.requiredParam(VcsWebhookAdapterType.WEBHOOK_SECRET);
        List<String> secrets = new ArrayList<>(List.of(secret));
        params.param(VcsWebhookAdapterType.WEBHOOK_SECRET_PREVIOUS).filter(s -> !s.isBlank()).ifPresent(secrets::add);
        String legacy = params.param(VcsWebhookAdapterType.LEGACY_SIGNATURE).orElse("false").strip();
        if (!legacy.equals("true") && !legacy.equals("false")) {
            throw new IllegalArgumentException(VcsWebhookAdapterType.LEGACY_SIGNATURE + " must be true or false");
        }
        return new WebhookPush(agencyId, params.requiredParam(VcsWebhookAdapterType.WEBHOOK_URL),
                Duration.ofMillis(Long.parseLong(params.param(VcsWebhookAdapterType.TIMEOUT_MS).orElse("10000"))),
                new WebhookSignature(secrets, WebhookSignature.DEFAULT_WINDOW),
                legacy.equals("true") ? Optional.of(new LegacyWebhookSignature(secret)) : Optional.empty(),
                deliveries, clock, mailbox);
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public String step() {
        return "webhook-push";
    }

    @Override
    public void deliver(Exchange exchange) throws Exception {
        push.process(exchange);
    }
}
