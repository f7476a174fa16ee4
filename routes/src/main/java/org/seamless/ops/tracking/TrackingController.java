package org.seamless.ops.tracking;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.app.security.web.Callers;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/messages/{id}/tracking}: a message's state per recipient. The caller is an
 * agency or an operator or auditor (the security chain decides, ADR 0047). The sender sees every leg of its message, a recipient
 * only its own leg once it was released to it, the operator everything; anyone else gets 404, as if the id did not exist.
 * {@code ?source=} picks the sender when two agencies used the same message id.
 */
@RestController
@ConditionalOnProperty(name = "seamless.run-hub", havingValue = "true", matchIfMissing = true)
public class TrackingController {
    private final MessageTracking tracking;

    public TrackingController(MessageTracking tracking) {
        this.tracking = tracking;
    }

    @GetMapping(path = "/api/v1/messages/{id}/tracking", produces = "application/json")
    public ResponseEntity<?> track(@PathVariable("id") String id,
                                   @RequestParam(name = "source", required = false) String source) {
        Optional<AgencyConfig> agency = Callers.agency();
        boolean operator = agency.isEmpty() && Callers.person().isPresent();
        if (!operator && agency.isEmpty()) {
            return problem(HttpStatus.UNAUTHORIZED, "an agency API key or the operator API key is required");
        }
        if (id.length() > 64) {
            return problem(HttpStatus.BAD_REQUEST, "a message id is at most 64 characters");
        }
        List<String> sources = tracking.sources(id).stream().filter(s -> source == null || s.equals(source)).toList();
        if (operator && sources.size() > 1) {
            return problem(HttpStatus.CONFLICT, "more than one agency sent a message with this id; add ?source=<agency id>");
        }
        for (String s : sources) {
            Optional<MessageTracking.MessageView> view = tracking.track(id, s);
            if (view.isEmpty()) {
                continue;
            }
            if (operator || agency.get().id().equals(s)) {
                return ResponseEntity.ok(view.get());
            }
            String me = agency.get().id();
            // why: a recipient the chain withheld the message from never had it, so it learns nothing of it here
            var mine = view.get().recipients().stream().filter(l -> l.agency().equals(me))
                    .filter(l -> l.history().stream().anyMatch(st -> "released".equals(st.state()))).toList();
            if (!mine.isEmpty()) {
                var v = view.get();
                return ResponseEntity.ok(new MessageTracking.MessageView(v.messageId(), v.source(), v.event(),
                        v.receivedAt(), mine));
            }
        }
        return problem(HttpStatus.NOT_FOUND, "no message with this id that you sent or received");
    }

    private static ResponseEntity<Map<String, Object>> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status).header("Content-Type", "application/problem+json")
                .body(Map.of("status", status.value(), "title", status.getReasonPhrase(), "detail", detail));
    }
}
