package org.seamless.app.demo.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.seamless.adapters.registry.AgencyRegistry;
import org.seamless.adapters.vcswebhook.VcsWebhookAdapterType;
import org.seamless.adapters.vcswebhook.WebhookSignature;
import org.seamless.app.demo.SimulatedReceiver;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * What every demo webhook receiver does (ADR 0049): verifies the Standard Webhooks signature and timestamp
 * window with the agency's {@code webhook-secret} from the registry (401 otherwise), acts once per
 * {@code webhook-id} and acknowledges a repeat; 503 or 422 when switched to. Shared by the demo charity
 * and the demo home-care provider, which differ only in who they are.
 */
final class SignedWebhooks {
    /** An accepted webhook: its event id and the JSON body as received. */
    record Received(String eventId, String body) {
    }

    private final String agency;
    private final String problems;
    private final Optional<WebhookSignature> signature;
    private final Clock clock;

    SignedWebhooks(String agency, AgencyRegistry registry, Clock clock) {
        this.agency = agency;
        this.problems = "https://seamless.example/" + agency + "/problems/";
        this.signature = registry.find(agency).flatMap(a -> a.adapter().param(VcsWebhookAdapterType.WEBHOOK_SECRET))
                .map(WebhookSignature::new);
        this.clock = clock;
    }

    <T> ResponseEntity<Map<String, Object>> receive(String eventId, String timestamp, String sig, byte[] body,
                                                    SimulatedReceiver<T> inbox,
                                                    java.util.function.Function<Received, T> item) {
        if (signature.isEmpty()) {
            return problem(404, "not-configured", "The registry has no " + agency + " with a webhook secret");
        }
        byte[] raw = body == null ? new byte[0] : body;
        WebhookSignature.Verdict verdict = signature.get().verify(eventId, timestamp, sig, raw, clock.instant());
        if (!verdict.valid()) {
            return problem(401, verdict.name().toLowerCase().replace('_', '-'), "Webhook signature check failed");
        }
        return switch (inbox.receive(eventId, item.apply(new Received(eventId, new String(raw, StandardCharsets.UTF_8))))) {
            case UNAVAILABLE -> problem(503, "unavailable", agency + " unavailable (switched)");
            case REFUSED -> problem(422, "cannot-accept", agency + " cannot accept this event (switched)");
            case ACCEPTED -> ResponseEntity.ok(Map.of("status", "accepted"));
            case DUPLICATE -> ResponseEntity.ok(Map.of("status", "duplicate"));
        };
    }

    private ResponseEntity<Map<String, Object>> problem(int status, String type, String title) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Map.of("type", problems + type, "title", title, "status", status));
    }
}
