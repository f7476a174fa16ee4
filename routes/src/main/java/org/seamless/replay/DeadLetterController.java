package org.seamless.replay;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.registry.AgencyRegistry;
import org.seamless.broker.BrokerConnections;
import org.seamless.broker.BrokerUsers;
import org.seamless.mappings.canonical.BrokerHeaders;
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
    private static final int MAX = 500;
    private final AgencyRegistry registry;
    private final BrokerConnections connections;
    private final org.seamless.security.web.OperatorActions actions;
    private final org.seamless.reliability.DeliveryFailures failures;

    public DeadLetterController(AgencyRegistry registry, BrokerConnections connections,
                                org.seamless.security.web.OperatorActions actions,
                                org.seamless.reliability.DeliveryFailures failures) {
        this.failures = failures;
        this.registry = registry;
        this.connections = connections;
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
        try (var connection = connections.connectionFactory(BrokerUsers.OPERATOR).createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            connection.start();
            try (QueueBrowser browser = session.createBrowser(session.createQueue(agency.addresses().deadLetter()))) {
                for (Message m : Collections.list((java.util.Enumeration<Message>) browser.getEnumeration())) {
                    if (items.size() >= MAX) {
                        break;
                    }
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("messageId", m.getStringProperty(BrokerHeaders.MESSAGE_ID));
                    item.put("event", m.getStringProperty(BrokerHeaders.EVENT));
                    item.put("replayGeneration", m.propertyExists(BrokerHeaders.REPLAY_GENERATION)
                            ? m.getObjectProperty(BrokerHeaders.REPLAY_GENERATION) : 0);
                    item.put("deliveryCount", m.propertyExists("JMSXDeliveryCount")
                            ? m.getIntProperty("JMSXDeliveryCount") : null);
                    item.put("originalAddress", m.getStringProperty("_AMQ_ORIG_ADDRESS"));
                    item.put("parkedAt", m.getJMSTimestamp() == 0 ? null
                            : java.time.Instant.ofEpochMilli(m.getJMSTimestamp()).toString());
                    String id = m.getStringProperty(BrokerHeaders.MESSAGE_ID);
                    failures.last(id == null ? "" : id, agency.id()).ifPresent(f -> {
                        item.put("failedAttempts", f.attempts());
                        item.put("lastFailure", f.reason());
                        item.put("lastFailedAt", f.at().toString());
                    });
                    items.add(item);
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("agency", agency.id());
        out.put("address", agency.addresses().deadLetter());
        out.put("count", items.size());
        out.put("messages", items);
        return ResponseEntity.ok(out);
    }
}
