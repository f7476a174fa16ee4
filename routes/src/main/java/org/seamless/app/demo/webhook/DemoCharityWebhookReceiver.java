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
 * The demo charity's webhook receiver at {@value #PATH}: verifies the Standard Webhooks signature
 * ({@code webhook-signature}) and timestamp window with the demo charity's {@code webhook-secret} from
 * the registry (401 otherwise), acts once per {@code webhook-id} and acknowledges a repeat; 503 or 422
 * when switched to ({@link SignedWebhooks}).
 */
@RestController
@ConditionalOnExpression(SimulatedReceiver.ACTIVE)
public class DemoCharityWebhookReceiver {
    public static final String AGENCY = "demo-charity";
    public static final String PATH = "/demo/demo-charity/webhook";

    private final SignedWebhooks webhooks;
    private final DemoCharityInbox inbox;

    public DemoCharityWebhookReceiver(AgencyRegistry registry, DemoCharityInbox inbox, Clock clock) {
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
                r -> new DemoCharityInbox.Event(r.eventId(), r.body()));
    }
}
