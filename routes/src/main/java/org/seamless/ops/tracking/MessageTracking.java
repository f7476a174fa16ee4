package org.seamless.ops.tracking;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.seamless.hub.answers.NoticeAnswerLog;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The state of a message per recipient, read from the records the hub already keeps (ADR 0012):
 * {@code inbound_receipt} (received), the disclosure ledger (DECISION: released or withheld;
 * RELEASE; ACKNOWLEDGEMENT: delivered or refused by the recipient's system), {@code routing_decision}
 * (why that recipient) and {@code notice_answer} (accepted or rejected). Nothing is written here.
 */
@Component
public class MessageTracking {
    private final JdbcTemplate jdbc;
    private final NoticeAnswerLog answers;

    public MessageTracking(JdbcTemplate jdbc, NoticeAnswerLog answers) {
        this.jdbc = jdbc;
        this.answers = answers;
    }

    /** The source agencies that sent a message with this id (normally one). */
    public List<String> sources(String messageId) {
        return jdbc.queryForList("SELECT source_agency FROM inbound_receipt WHERE message_id = ? ORDER BY source_agency",
                String.class, messageId);
    }

    /** One state change of a leg. */
    public record Step(String state, Instant at, Map<String, Object> detail) {
    }

    /** What became of a response message (the answer's own leg back to the trust). */
    public record AnswerView(String outcome, String reason, Instant answeredAt, String responseMessageId,
                             String responseState) {
        @Override
        public String toString() {
            return "AnswerView[" + outcome + ", " + responseMessageId + ", " + responseState + "]";
        }
    }

    /** One recipient's leg at its latest replay generation. */
    public record LegView(String agency, int replayGeneration, String state, List<Step> history, AnswerView answer) {
    }

    /** The whole message as its source sent it. */
    public record MessageView(String messageId, String source, String event, Instant receivedAt, List<LegView> recipients) {
    }

    public Optional<MessageView> track(String messageId, String source) {
        List<Map<String, Object>> receipt = jdbc.queryForList("SELECT event_code, received_at FROM inbound_receipt"
                + " WHERE message_id = ? AND source_agency = ?", messageId, source);
        if (receipt.isEmpty()) {
            return Optional.empty();
        }
        Instant received = instant(receipt.get(0).get("received_at"));
        List<Map<String, Object>> ledger = jdbc.queryForList("SELECT entry_kind, recipient_agency, replay_generation,"
                + " outcome, rule_id, override_reason, occurred_at FROM ledger_entry WHERE message_id = ?"
                + " AND (source_agency = ? OR source_agency IS NULL) ORDER BY seq", messageId, source);
        List<Map<String, Object>> routing = jdbc.queryForList("SELECT recipient_agency, replay_generation, reason,"
                + " fallback, decided_at FROM routing_decision WHERE message_id = ? AND source_agency IN (?, '')"
                + " ORDER BY decided_at", messageId, source);
        Set<String> recipients = new LinkedHashSet<>();
        routing.forEach(r -> recipients.add((String) r.get("recipient_agency")));
        ledger.forEach(r -> recipients.add((String) r.get("recipient_agency")));
        List<NoticeAnswerLog.Answer> answered = answers.forNotice(messageId).stream()
                .filter(a -> a.noticeSource().equals(source)).toList();
        List<LegView> legs = new ArrayList<>();
        for (String recipient : recipients) {
            legs.add(leg(recipient, received, ledger, routing, answered));
        }
        return Optional.of(new MessageView(messageId, source, (String) receipt.get(0).get("event_code"), received, legs));
    }

    private LegView leg(String recipient, Instant received, List<Map<String, Object>> ledger,
                        List<Map<String, Object>> routing, List<NoticeAnswerLog.Answer> answered) {
        int generation = ledger.stream().filter(r -> recipient.equals(r.get("recipient_agency")))
                .mapToInt(r -> ((Number) r.get("replay_generation")).intValue()).max().orElse(0);
        List<Step> history = new ArrayList<>();
        Map<String, Object> routed = new LinkedHashMap<>();
        routing.stream().filter(r -> recipient.equals(r.get("recipient_agency"))
                        && ((Number) r.get("replay_generation")).intValue() == generation).findFirst()
                .ifPresent(r -> {
                    routed.put("routingReason", r.get("reason"));
                    routed.put("fallback", r.get("fallback"));
                });
        history.add(new Step("received", received, routed));
        for (Map<String, Object> r : ledger) {
            if (!recipient.equals(r.get("recipient_agency")) || ((Number) r.get("replay_generation")).intValue() != generation) {
                continue;
            }
            String kind = (String) r.get("entry_kind");
            String outcome = (String) r.get("outcome");
            Instant at = instant(r.get("occurred_at"));
            if ("DECISION".equals(kind) && "WITHHOLD".equals(outcome)) {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("rule", r.get("rule_id"));
                history.add(new Step("withheld", at, d));
            } else if ("RELEASE".equals(kind)) {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("outcome", outcome);
                if (r.get("override_reason") != null) {
                    d.put("objectionOverridden", true);
                }
                history.add(new Step("released", at, d));
            } else if ("ACKNOWLEDGEMENT".equals(kind)) {
                history.add(new Step(ackState(outcome), at, Map.of()));
            } else if ("RECALL".equals(kind) || "NOT_RECALLED".equals(kind)) {
                // why: the sender sees that a withdrawal or objection recalled its message, or why not (ADR 0069)
                Map<String, Object> d = new LinkedHashMap<>();
                String reason = (String) r.get("override_reason");
                if ("RECALL".equals(kind) && reason != null && reason.startsWith("recall ") && reason.indexOf(':') > 7) {
                    d.put("recallMessageId", reason.substring(7, reason.indexOf(':')));
                } else {
                    d.put("reason", outcome);
                }
                history.add(new Step("RECALL".equals(kind) ? "recalled" : "not-recalled", at, d));
            }
        }
        AnswerView answer = answered.stream().filter(a -> a.answeringAgency().equals(recipient))
                .max(Comparator.comparing(NoticeAnswerLog.Answer::answeredAt)).map(this::answerView).orElse(null);
        if (answer != null) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("responseMessageId", answer.responseMessageId());
            history.add(new Step(answer.outcome(), answer.answeredAt(), d));
        }
        return new LegView(recipient, generation, history.get(history.size() - 1).state(), history, answer);
    }

    private AnswerView answerView(NoticeAnswerLog.Answer a) {
        List<Map<String, Object>> entries = jdbc.queryForList("SELECT entry_kind, outcome FROM ledger_entry"
                + " WHERE message_id = ? AND recipient_agency = ? ORDER BY seq", a.responseMessageId(), a.noticeSource());
        String state = "received";
        for (Map<String, Object> e : entries) {
            String kind = (String) e.get("entry_kind");
            String outcome = (String) e.get("outcome");
            if ("DECISION".equals(kind) && "WITHHOLD".equals(outcome)) {
                state = "withheld";
            } else if ("RELEASE".equals(kind)) {
                state = "released";
            } else if ("ACKNOWLEDGEMENT".equals(kind)) {
                state = ackState(outcome);
            }
        }
        return new AnswerView(a.outcome(), a.reason(), a.answeredAt(), a.responseMessageId(), state);
    }

    /**
     * delivered, refused, dead-lettered (reason deadline-passed) or undeliverable (the transport accepted it but
     * could not deliver it: a MESH non-delivery report or expiry, ADR 0077) as the ledger's acknowledgement says.
     */
    private static String ackState(String outcome) {
        return "DELIVERED".equals(outcome) ? "delivered" : "DEADLINE_PASSED".equals(outcome) ? "dead-lettered"
                : "UNDELIVERABLE".equals(outcome) ? "undeliverable" : "refused";
    }

    private static Instant instant(Object value) {
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof Instant i) {
            return i;
        }
        return value == null ? null : Instant.parse(value.toString());
    }
}
