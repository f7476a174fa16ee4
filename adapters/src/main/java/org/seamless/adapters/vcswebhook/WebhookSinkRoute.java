package org.seamless.adapters.vcswebhook;

import java.time.Clock;
import java.time.Duration;
import org.apache.camel.builder.RouteBuilder;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.spi.AdapterContext;

/**
 * Sends each message released to a voluntary organisation to its {@code webhook-url} as a signed
 * POST, consumed from the agency's outbound address in a broker transaction. The body is the plain
 * JSON of a referral or outcome ({@link VcsBody}); other events go as the canonical FHIR R4 message.
 * <p>Headers: {@code Seamless-Event-Id} ({@code <message id>:<replay generation>}, stable across
 * redeliveries), {@code Seamless-Timestamp} (epoch seconds of this attempt) and
 * {@code Seamless-Signature} (see {@link WebhookSignature}). The receiver must verify the signature
 * and the timestamp window, and act at most once per event id, answering a repeat with 2xx.
 * <p>2xx: delivered. 4xx with a problem document (auth, address and rate statuses excepted): a
 * business refusal, recorded with status and problem type only, consumed. No answer, a timeout, 408,
 * 429 or 5xx: transient, handled by the shared outage policy (the message waits, {@code Retry-After} is
 * honoured; {@link AdapterContext#SINK_ROUTE_CONFIGURATION}). Anything else: the transaction rolls
 * back; the broker redelivers with backoff, then dead-letters.
 */
public class WebhookSinkRoute extends RouteBuilder {
    private final AgencyConfig agency;
    private final AdapterContext context;

    public WebhookSinkRoute(AgencyConfig agency, AdapterContext context) {
        this.agency = agency;
        this.context = context;
    }

    @Override
    public void configure() {
        var params = agency.adapter();
        WebhookPush push;
        try {
            push = new WebhookPush(agency.id(), params.requiredParam(VcsWebhookAdapterType.WEBHOOK_URL),
                    Duration.ofMillis(Long.parseLong(params.requiredParam(VcsWebhookAdapterType.TIMEOUT_MS))),
                    new WebhookSignature(params.requiredParam(VcsWebhookAdapterType.WEBHOOK_SECRET)),
                    context.deliveries(), Clock.systemUTC(), context.mailbox());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("agency " + agency.id() + ": webhook adapter parameters: "
                    + e.getMessage(), e);
        }
        from(context.jmsComponent() + ":queue:" + agency.addresses().outbound() + "?errorHandlerLogStackTrace=false")
                .routeId("adapter-" + agency.id() + "-webhook-sink")
                .routeConfigurationId(AdapterContext.SINK_ROUTE_CONFIGURATION) // why: transient failures wait, see AdapterContext
                .process(push).id("adapter-" + agency.id() + "-webhook-push"); // why: node ids are unique per context
    }
}
