package org.seamless.ops.tracking;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.seamless.ops.OperatorProblemType;
import org.seamless.ops.OperatorProblems;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/ops/unsettled?olderThanSeconds=N} for an operator or auditor (ADR 0040, 0047): accepted
 * messages with no decision on record and released legs with no delivery state, older than N seconds
 * (default 900). Routing facts only.
 */
@RestController
@ConditionalOnProperty(name = "seamless.run-hub", havingValue = "true", matchIfMissing = true)
public class UnsettledController {
    private final UnsettledMessages unsettled;

    public UnsettledController(UnsettledMessages unsettled) {
        this.unsettled = unsettled;
    }

    @GetMapping(path = "/api/ops/unsettled")
    public ResponseEntity<Object> list(@RequestParam(name = "olderThanSeconds", required = false)
                                                    String olderThan) {
        long seconds = 900;
        if (olderThan != null) {
            if (!olderThan.matches("[0-9]{1,9}")) {
                return OperatorProblems.of(OperatorProblemType.INVALID_REQUEST,
                        "olderThanSeconds must be a whole number of seconds");
            }
            seconds = Long.parseLong(olderThan);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("olderThanSeconds", seconds);
        out.put("messages", unsettled.olderThan(Duration.ofSeconds(seconds)));
        return ResponseEntity.ok(out);
    }
}
