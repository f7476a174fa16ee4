package org.seamless.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Map;
import org.seamless.ledger.ApiKeyCheck;
import org.seamless.ledger.DisclosureReportController;
import org.seamless.ledger.IgProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.seamless.ops.OperatorProblemType;
import org.seamless.ops.OperatorProblems;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/ops/replay} with {@code {"messageId": "..."}}, authorised by the operator API key: replays a message. */
@RestController
@ConditionalOnProperty(name = "seamless.run-hub", havingValue = "true", matchIfMissing = true)
public class ReplayController {
    private final ReplayService replays;
    private final IgProperties props;

    public ReplayController(ReplayService replays, IgProperties props) {
        this.replays = replays;
        this.props = props;
    }

    @PostMapping(path = "/api/ops/replay", consumes = MediaType.ALL_VALUE)
    public ResponseEntity<Object> replay(@RequestHeader(name = "X-API-Key", required = false) String key,
                                                      HttpServletRequest request) throws IOException {
        if (!ApiKeyCheck.matches(key, props.opsApiKeySha256())) {
            return OperatorProblems.unauthenticated("operator");
        }
        String body = DisclosureReportController.boundedBody(request); // why: the key first, then a bounded body
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
            return ResponseEntity.ok(Map.of("messageId", messageId, "replayGeneration", replays.replay(messageId)));
        } catch (ReplayService.ReplayException e) {
            return OperatorProblems.of(e.ambiguous() ? OperatorProblemType.AMBIGUOUS_MESSAGE_ID
                    : OperatorProblemType.UNKNOWN_MESSAGE, e.getMessage());
        }
    }
}
