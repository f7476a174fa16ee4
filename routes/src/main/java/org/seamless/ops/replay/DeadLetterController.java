package org.seamless.ops.replay;

import jakarta.jms.JMSException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.registry.AgencyRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.seamless.ops.OperatorProblemType;
import org.seamless.ops.OperatorProblems;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/ops/dead-letters/{agencyId}} for an operator or auditor (the security chain decides): what is parked in an agency's
 * dead-letter address after its retry budget was spent, browsed (not consumed) as the operator broker
 * user. Only routing facts are shown (message id, event, replay generation, delivery count) with the
 * last failure's reason from {@code delivery_failure}, never a body; an operator replays one with {@code POST /api/ops/replay}.
 */
@RestController
@ConditionalOnProperty(name = "seamless.run-hub", havingValue = "true", matchIfMissing = true)
public class DeadLetterController {
    private final AgencyRegistry registry;
    private final DeadLetters deadLetters;
    private final org.seamless.app.security.web.OperatorActions actions;

    public DeadLetterController(AgencyRegistry registry, DeadLetters deadLetters,
                                org.seamless.app.security.web.OperatorActions actions) {
        this.registry = registry;
        this.deadLetters = deadLetters;
        this.actions = actions;
    }

    @GetMapping("/api/ops/dead-letters/{agencyId}")
    public ResponseEntity<Object> list(@PathVariable("agencyId") String agencyId) throws JMSException {
        actions.record("dead-letter-list", agencyId, "listed");
        AgencyConfig agency = registry.find(agencyId).orElse(null);
        if (agency == null) {
            return OperatorProblems.of(OperatorProblemType.UNKNOWN_AGENCY, "no agency in the registry has this id");
        }
        List<Map<String, Object>> items = new ArrayList<>();
        for (DeadLetters.DeadLetter d : deadLetters.list(agency)) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("messageId", d.messageId());
            item.put("event", d.event());
            item.put("replayGeneration", d.replayGeneration());
            item.put("deliveryCount", d.deliveryCount());
            item.put("originalAddress", d.originalAddress());
            item.put("parkedAt", d.parkedAt() == null ? null : d.parkedAt().toString());
            if (d.lastFailure() != null) {
                item.put("failedAttempts", d.failedAttempts());
                item.put("lastFailure", d.lastFailure());
                item.put("lastFailedAt", d.lastFailedAt().toString());
            }
            items.add(item);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("agency", agency.id());
        out.put("address", agency.addresses().deadLetter());
        out.put("count", items.size());
        out.put("messages", items);
        return ResponseEntity.ok(out);
    }
}
