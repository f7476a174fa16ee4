package org.seamless.hub.identity;

import java.time.Clock;
import java.util.Map;
import org.seamless.adapters.pds.PdsTracing;
import org.seamless.adapters.pds.PdsUnavailableException;
import org.seamless.adapters.spi.RejectedInputStore;
import org.seamless.adapters.vcswebhook.WebhookSignature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The identity events subscriber (ADR 0084): the Multicast Notification Service (or its simulator) posts one
 * CloudEvents signal per request, signed to the Standard Webhooks scheme (ADR 0049). The signature is the
 * authentication: an unsigned or wrongly signed request is refused (401) and not kept. A signed event that
 * cannot be acted on is kept in the rejected-input store with a specific reason (400). An acted-on event is
 * committed to {@code identity_event} before any 2xx; its effects are then applied (202). A repeat of a done
 * event answers 200 and changes nothing; if the effects fail the event stays kept and the answer is 503, so the
 * publisher's retry applies it. With PDS configured the event's details come from a PDS read of its subject
 * ({@link PdsDetails}), never from the signal's {@code data}; PDS unavailable is kept and 503 as well.
 */
@RestController
@ConditionalOnExpression(IdentityEventsConfiguration.ACTIVE)
public class IdentityEventsController {
    public static final String PATH = "/mns/identity-events";
    public static final String EDGE = "identity-events";
    /** The rejected-input store's source for events from the Multicast Notification Service. */
    public static final String SOURCE = "mns";
    private static final Logger LOG = LoggerFactory.getLogger(IdentityEventsController.class);
    private final WebhookSignature signature;
    private final IdentityEventInbox inbox;
    private final IdentityChanges changes;
    private final RejectedInputStore rejected;
    private final Clock clock;
    private final ObjectProvider<PdsTracing> pds;

    public IdentityEventsController(IdentityEventsProperties props, IdentityEventInbox inbox, IdentityChanges changes,
                                    RejectedInputStore rejected, Clock clock, ObjectProvider<PdsTracing> pds) {
        this.pds = pds;
        this.signature = new WebhookSignature(props.signingSecrets(), props.tolerance());
        this.inbox = inbox;
        this.changes = changes;
        this.rejected = rejected;
        this.clock = clock;
    }

    @PostMapping(PATH)
    public ResponseEntity<Map<String, Object>> receive(
            @RequestHeader(name = WebhookSignature.EVENT_ID_HEADER, required = false) String webhookId,
            @RequestHeader(name = WebhookSignature.TIMESTAMP_HEADER, required = false) String timestamp,
            @RequestHeader(name = WebhookSignature.SIGNATURE_HEADER, required = false) String sig,
            @RequestHeader(name = "Content-Type", required = false) String contentType,
            @RequestBody(required = false) byte[] body) {
        WebhookSignature.Verdict verdict = signature.verify(webhookId, timestamp, sig, body, clock.instant());
        if (!verdict.valid()) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of("error", "signature-" + verdict.name()
                    .toLowerCase(java.util.Locale.ROOT).replace('_', '-')));
        }
        PdsTracing tracing = pds.getIfAvailable();
        IdentityEvent event;
        try {
            // why: with PDS configured the details come from a PDS read of the subject (the signal's dataref), never
            // from the signal's data; without PDS the data stand-in carries them (ADR 0084)
            event = tracing == null ? IdentityEventParser.parse(body) : IdentityEventParser.parseSignal(body);
            if (!event.id().equals(webhookId)) {
                throw new IdentityEventException(IdentityEventParser.MALFORMED, "webhook-id is not the event's id");
            }
            if (inbox.state(event.id()).filter(IdentityEventInbox.DONE::equals).isPresent()) {
                return ResponseEntity.ok(Map.of("status", "duplicate", "event", event.id()));
            }
            if (tracing != null) {
                IdentityEvent signal = event;
                try {
                    event = new PdsDetails(tracing.client()).complete(signal);
                } catch (PdsUnavailableException e) {
                    // why: PDS down is never a reason to drop an event: kept, and the 503 makes MNS retry
                    inbox.keep(signal, body);
                    LOG.warn("identity event {} kept, PDS unavailable: HTTP {}", signal.id(), e.status());
                    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                            .body(Map.of("status", "kept", "event", signal.id()));
                }
            }
        } catch (IdentityEventException e) {
            String ref = rejected.keep(new RejectedInputStore.Rejection(SOURCE, EDGE, e.code(), e.getMessage(), webhookId,
                    contentType, body));
            LOG.warn("identity event refused: {} (quarantine {})", e.code(), ref);
            return ResponseEntity.badRequest().body(Map.of("error", e.code(), "reason", e.getMessage(), "reference", ref));
        }
        if (!inbox.keep(event, body) && inbox.state(event.id()).filter(IdentityEventInbox.DONE::equals).isPresent()) {
            return ResponseEntity.ok(Map.of("status", "duplicate", "event", event.id()));
        }
        try {
            inbox.done(event.id(), changes.apply(event));
        } catch (RuntimeException e) {
            // why: kept, so nothing is lost; a non-2xx makes the publisher retry, and the retry applies it
            LOG.warn("identity event {} kept but not applied yet: {}", event.id(), e.getClass().getSimpleName());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("status", "kept", "event", event.id()));
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("status", "accepted", "event", event.id()));
    }
}
