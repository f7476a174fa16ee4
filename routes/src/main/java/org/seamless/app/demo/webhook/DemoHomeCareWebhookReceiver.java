package org.seamless.app.demo.webhook;

import java.time.Clock;
import java.util.Map;
import org.seamless.adapters.registry.AgencyRegistry;
import org.seamless.adapters.vcswebhook.WebhookSignature;
import org.seamless.app.demo.SimulatedReceiver;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The demo home-care provider's webhook receiver at {@value #PATH} (ADR 0063): the provider's rota system
 * as Seamless sees it. It verifies every Standard Webhooks signature with the provider's
 * {@code webhook-secret} from the registry (401 otherwise) and records each verified
 * {@code home-care-suspend} / {@code home-care-resume} once ({@link SignedWebhooks}).
 */
@RestController
@ConditionalOnExpression(SimulatedReceiver.ACTIVE)
public class DemoHomeCareWebhookReceiver {
    public static final String AGENCY = "demo-homecare";
    public static final String PATH = "/demo/demo-homecare/webhook";

    private final SignedWebhooks webhooks;
    private final DemoHomeCareInbox inbox;

    public DemoHomeCareWebhookReceiver(AgencyRegistry registry, DemoHomeCareInbox inbox, Clock clock) {
        this.webhooks = new SignedWebhooks(AGENCY, registry, clock);
        this.inbox = inbox;
    }

    @PostMapping(PATH)
    public ResponseEntity<Map<String, Object>> receive(
            @RequestHeader(name = WebhookSignature.EVENT_ID_HEADER, required = false) String eventId,
            @RequestHeader(name = WebhookSignature.TIMESTAMP_HEADER, required = false) String timestamp,
            @RequestHeader(name = WebhookSignature.SIGNATURE_HEADER, required = false) String sig,
            @RequestBody(required = false) byte[] body) {
        return webhooks.receive(eventId, timestamp, sig, body, inbox,
                r -> new DemoHomeCareInbox.Visit(r.eventId(), r.body()));
    }
}
