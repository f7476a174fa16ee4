package org.seamless.ops.tracking;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.seamless.ops.OperatorProblemType;
import org.seamless.ops.OperatorProblems;
import org.seamless.app.security.web.OperatorActions;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators inspect rejected input: {@code GET /api/ops/quarantine} lists the newest items
 * (metadata only), {@code GET /api/ops/quarantine/{id}} returns one with its decrypted payload.
 * The security chain admits only the OPERATOR role; every list and every payload read is recorded in the
 * operations audit with the person who made it and the item's reference.
 */
@RestController
public class QuarantineController {
    private final Quarantine quarantine;
    private final OperatorActions actions;

    public QuarantineController(Quarantine quarantine, OperatorActions actions) {
        this.quarantine = quarantine;
        this.actions = actions;
    }

    @GetMapping("/api/ops/quarantine")
    public ResponseEntity<Object> list(@RequestParam(name = "limit", defaultValue = "50") String limitParam) {
        // why: parsed here, so a bad value is answered as a problem like every other refusal
        if (!limitParam.matches("[0-9]{1,6}") || Integer.parseInt(limitParam) < 1) {
            return OperatorProblems.of(OperatorProblemType.INVALID_REQUEST, "limit must be a whole number from 1");
        }
        int limit = Integer.parseInt(limitParam);
        actions.record("quarantine-list", null, "listed");
        List<Map<String, Object>> items = quarantine.recent(limit).stream().map(QuarantineController::view).toList();
        return ResponseEntity.ok(Map.of("items", items));
    }

    @GetMapping("/api/ops/quarantine/{id}")
    public ResponseEntity<Object> read(@PathVariable("id") String id) {
        java.util.Optional<Quarantine.Item> found = quarantine.read(id);
        actions.record("quarantine-read", id, found.isPresent() ? "read" : "not-found");
        return found.<ResponseEntity<Object>>map(item -> {
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
}
