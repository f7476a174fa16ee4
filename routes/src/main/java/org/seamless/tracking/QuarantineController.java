package org.seamless.tracking;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seamless.ledger.ApiKeyCheck;
import org.seamless.ledger.IgProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.seamless.ops.OperatorProblemType;
import org.seamless.ops.OperatorProblems;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators inspect rejected input: {@code GET /api/ops/quarantine} lists the newest items
 * (metadata only), {@code GET /api/ops/quarantine/{id}} returns one with its decrypted payload.
 * Both need the operator API key; every payload read is logged with the item's reference.
 */
@RestController
public class QuarantineController {
    private static final Logger log = LoggerFactory.getLogger(QuarantineController.class);

    private final Quarantine quarantine;
    private final IgProperties props;

    public QuarantineController(Quarantine quarantine, IgProperties props) {
        this.quarantine = quarantine;
        this.props = props;
    }

    @GetMapping("/api/ops/quarantine")
    public ResponseEntity<Object> list(@RequestHeader(name = "X-API-Key", required = false) String key,
                                       @RequestParam(name = "limit", defaultValue = "50") String limitParam) {
        if (!ApiKeyCheck.matches(key, props.opsApiKeySha256())) {
            return unauthorised();
        }
        // why: parsed here, after the key, so a bad value is answered as a problem like every other refusal
        if (!limitParam.matches("[0-9]{1,6}") || Integer.parseInt(limitParam) < 1) {
            return OperatorProblems.of(OperatorProblemType.INVALID_REQUEST, "limit must be a whole number from 1");
        }
        int limit = Integer.parseInt(limitParam);
        List<Map<String, Object>> items = quarantine.recent(limit).stream().map(QuarantineController::view).toList();
        return ResponseEntity.ok(Map.of("items", items));
    }

    @GetMapping("/api/ops/quarantine/{id}")
    public ResponseEntity<Object> read(@RequestHeader(name = "X-API-Key", required = false) String key,
                                       @PathVariable("id") String id) {
        if (!ApiKeyCheck.matches(key, props.opsApiKeySha256())) {
            return unauthorised();
        }
        return quarantine.read(id).<ResponseEntity<Object>>map(item -> {
            log.info("quarantined item {} read by an operator", item.id());
            Map<String, Object> v = view(item);
            if (item.payload() != null) {
                v.put("payloadBase64", Base64.getEncoder().encodeToString(item.payload()));
                if (item.contentType() != null && (item.contentType().contains("json") || item.contentType().contains("xml")
                        || item.contentType().startsWith("text/"))) {
                    v.put("payloadText", new String(item.payload(), StandardCharsets.UTF_8));
                }
            }
            return ResponseEntity.ok(v);
        }).orElseGet(() -> OperatorProblems.of(OperatorProblemType.UNKNOWN_QUARANTINE_ITEM,
                "no quarantined item with this id (it may have passed its retention period)"));
    }

    private static Map<String, Object> view(Quarantine.Item item) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", item.id());
        v.put("receivedAt", item.receivedAt().toString());
        v.put("sourceAgency", item.sourceAgency());
        v.put("edge", item.edge());
        v.put("reasonCode", item.reasonCode());
        v.put("reason", item.reason());
        v.put("messageId", item.messageId());
        v.put("contentType", item.contentType());
        return v;
    }

    private static ResponseEntity<Object> unauthorised() {
        return OperatorProblems.unauthenticated("operator");
    }
}
