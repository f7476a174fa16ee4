package org.seamless.ops.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Map;
import org.seamless.ledger.DisclosureReportController;
import org.seamless.app.security.web.OperatorActions;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.seamless.ops.OperatorProblemType;
import org.seamless.ops.OperatorProblems;
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
    public ResponseEntity<Object> replay(HttpServletRequest request) throws IOException {
        String body = DisclosureReportController.boundedBody(request);
        if (body == null) {
            return OperatorProblems.of(OperatorProblemType.PAYLOAD_TOO_LARGE, "the body exceeds the limit of "
                    + DisclosureReportController.MAX_BODY + " bytes");
        }
        String messageId;
        try {
            messageId = new ObjectMapper().readTree(body.isBlank() ? "{}" : body).path("messageId").asText("");
        } catch (Exception e) {
            messageId = "";
        }
        if (messageId.isBlank()) {
            return OperatorProblems.of(OperatorProblemType.INVALID_REQUEST, "the body must be {\"messageId\": \"...\"}");
        }
        try {
            int generation = replays.replay(messageId);
            actions.record("replay", messageId, "replayed");
            return ResponseEntity.ok(Map.of("messageId", messageId, "replayGeneration", generation));
        } catch (ReplayService.ReplayException e) {
            actions.record("replay", messageId, "not-found");
            return OperatorProblems.of(e.ambiguous() ? OperatorProblemType.AMBIGUOUS_MESSAGE_ID
                    : OperatorProblemType.UNKNOWN_MESSAGE, e.getMessage());
        }
    }
}
