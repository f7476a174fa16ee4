package org.seamless.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Map;
import org.seamless.ledger.ApiKeyCheck;
import org.seamless.ledger.DisclosureReportController;
import org.seamless.ledger.IgProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
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
    public ResponseEntity<Map<String, Object>> replay(@RequestHeader(name = "X-API-Key", required = false) String key,
                                                      HttpServletRequest request) throws IOException {
        if (!ApiKeyCheck.matches(key, props.opsApiKeySha256())) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of("detail", "a valid operator API key is required"));
        }
        String body = DisclosureReportController.boundedBody(request); // why: the key first, then a bounded body
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
            return ResponseEntity.ok(Map.of("messageId", messageId, "replayGeneration", replays.replay(messageId)));
        } catch (ReplayService.ReplayException e) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("detail", e.getMessage()));
        }
    }
}
