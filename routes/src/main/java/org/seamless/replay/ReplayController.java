package org.seamless.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Map;
import org.seamless.ledger.DisclosureReportController;
import org.seamless.security.web.OperatorActions;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/ops/replay} with {@code {"messageId": "..."}}, by an operator (the security chain admits only the OPERATOR
 * role): replays a message and records who did it in the operations audit. */
@RestController
@ConditionalOnProperty(name = "seamless.run-hub", havingValue = "true", matchIfMissing = true)
public class ReplayController {
    private final ReplayService replays;
    private final OperatorActions actions;

    public ReplayController(ReplayService replays, OperatorActions actions) {
        this.replays = replays;
        this.actions = actions;
    }

    @PostMapping(path = "/api/ops/replay", consumes = MediaType.ALL_VALUE)
    public ResponseEntity<Map<String, Object>> replay(HttpServletRequest request) throws IOException {
        String body = DisclosureReportController.boundedBody(request);
        if (body == null) {
            return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(Map.of("status", 413, "detail", "the body exceeds the limit of "
                            + DisclosureReportController.MAX_BODY + " bytes"));
        }
        String messageId;
        try {
            messageId = new ObjectMapper().readTree(body.isBlank() ? "{}" : body).path("messageId").asText("");
        } catch (Exception e) {
            messageId = "";
        }
        if (messageId.isBlank()) {
            return ResponseEntity.badRequest().body(Map.of("detail", "the body must be {\"messageId\": \"...\"}"));
        }
        try {
            int generation = replays.replay(messageId);
            actions.record("replay", messageId, "replayed");
            return ResponseEntity.ok(Map.of("messageId", messageId, "replayGeneration", generation));
        } catch (ReplayService.ReplayException e) {
            actions.record("replay", messageId, "not-found");
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("detail", e.getMessage()));
        }
    }
}
