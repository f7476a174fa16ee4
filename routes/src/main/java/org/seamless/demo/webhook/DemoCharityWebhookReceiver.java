package org.seamless.demo.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.seamless.adapters.registry.AgencyRegistry;
import org.seamless.adapters.vcswebhook.VcsWebhookAdapterType;
import org.seamless.adapters.vcswebhook.WebhookSignature;
import org.seamless.demo.SimulatedReceiver;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The demo charity's webhook receiver at {@value #PATH}: verifies the Standard Webhooks signature
 * ({@code webhook-signature}) and timestamp window with the demo charity's {@code webhook-secret} from
 * the registry (401 otherwise), acts once per {@code webhook-id} and acknowledges a repeat; 503 or 422
 * when switched to.
 */
@RestController
@ConditionalOnExpression(SimulatedReceiver.ACTIVE)
public class DemoCharityWebhookReceiver {
    public static final String AGENCY = "demo-charity";
    public static final String PATH = "/demo/demo-charity/webhook";
    private static final String PROBLEMS = "https://seamless.example/demo-charity/problems/";

    private final Optional<WebhookSignature> signature;
    private final DemoCharityInbox inbox;
    private final Clock clock;

    public DemoCharityWebhookReceiver(AgencyRegistry registry, DemoCharityInbox inbox, Clock clock) {
        this.signature = registry.find(AGENCY).flatMap(a -> a.adapter().param(VcsWebhookAdapterType.WEBHOOK_SECRET))
                .map(WebhookSignature::new);
        this.inbox = inbox;
        this.clock = clock;
    }

    @PostMapping(PATH)
    public ResponseEntity<Map<String, Object>> receive(
            @RequestHeader(name = WebhookSignature.EVENT_ID_HEADER, required = false) String eventId,
            @RequestHeader(name = WebhookSignature.TIMESTAMP_HEADER, required = false) String timestamp,
            @RequestHeader(name = WebhookSignature.SIGNATURE_HEADER, required = false) String sig,
            @RequestBody(required = false) byte[] body) {
        if (signature.isEmpty()) {
            return problem(404, "not-configured", "The registry has no demo charity with a webhook secret");
        }
        byte[] raw = body == null ? new byte[0] : body;
        WebhookSignature.Verdict verdict = signature.get().verify(eventId, timestamp, sig, raw, clock.instant());
        if (!verdict.valid()) {
            return problem(401, verdict.name().toLowerCase().replace('_', '-'), "Webhook signature check failed");
        }
        return switch (inbox.receive(eventId, new DemoCharityInbox.Event(eventId, new String(raw, StandardCharsets.UTF_8)))) {
            case UNAVAILABLE -> problem(503, "unavailable", "Demo charity tool unavailable (switched)");
            case REFUSED -> problem(422, "cannot-accept", "Demo charity cannot accept this referral (switched)");
            case ACCEPTED -> ResponseEntity.ok(Map.of("status", "accepted"));
            case DUPLICATE -> ResponseEntity.ok(Map.of("status", "duplicate"));
        };
    }

    private static ResponseEntity<Map<String, Object>> problem(int status, String type, String title) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Map.of("type", PROBLEMS + type, "title", title, "status", status));
    }
}
