package org.seamless.adapters.vcswebhook;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.seamless.adapters.push.SinkOutcome;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.spi.AdapterContext;
import org.seamless.adapters.spi.AgencyMailbox;
import org.seamless.mappings.canonical.BrokerHeaders;

/**
 * For an organisation without a {@code webhook-url}: moves each released message from the agency's
 * outbound address into its pull inbox (in the broker transaction; keyed by event id, so a
 * redelivery adds nothing), where the organisation fetches and acknowledges it through the JSON API.
 */
public class PullInboxRoute extends RouteBuilder {
    private final AgencyConfig agency;
    private final AdapterContext context;

    public PullInboxRoute(AgencyConfig agency, AdapterContext context) {
        this.agency = agency;
        this.context = context;
    }

    @Override
    public void configure() {
        from(context.jmsComponent() + ":queue:" + agency.addresses().outbound() + "?errorHandlerLogStackTrace=false")
                .routeId("adapter-" + agency.id() + "-pull-inbox")
                .process(this::keep).id("pull-inbox-keep-" + agency.id());
    }

    private void keep(Exchange exchange) throws org.apache.camel.InvalidPayloadException {
        Message msg = exchange.getMessage();
        VcsBody released = VcsBody.of(msg.getMandatoryBody(String.class));
        String messageId = msg.getHeader(BrokerHeaders.MESSAGE_ID, String.class);
        int generation = msg.getHeader(BrokerHeaders.REPLAY_GENERATION, 0, Integer.class);
        context.mailbox().keep(new AgencyMailbox.Item(agency.id(), WebhookSignature.eventId(
                org.seamless.adapters.spi.ReleaseKeys.scopedId(msg), generation),
                messageId, generation, msg.getHeader(BrokerHeaders.EVENT, String.class), released.contentType(),
                released.body()), true);
        SinkOutcome.delivered("held in the pull inbox").report(context.deliveries(), agency.id(), msg);
    }
}
