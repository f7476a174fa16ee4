package org.seamless.ops.console.messages;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.seamless.hub.answers.NoticeAnswerLog;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * One message's story for the console, per recipient: received → validated → decided (rule, purpose,
 * legal basis) → released, released pseudonymised or withheld → delivered (or refused, dead-lettered) →
 * accepted or rejected, every replay generation in order. Assembled from the records the hub keeps
 * ({@code inbound_receipt}, {@code routing_decision}, the ledger, {@code notice_answer}), as
 * {@code MessageTracking} does for the API (ADR 0012); nothing here is personal data (the ledger holds
 * agency ids, rules and codes; answers' free-text reasons are not shown).
 */
@Component
public class MessageTimeline {
    private final JdbcTemplate jdbc;
    private final NoticeAnswerLog answers;

    public MessageTimeline(JdbcTemplate jdbc, NoticeAnswerLog answers) {
        this.jdbc = jdbc;
        this.answers = answers;
    }

    /** One step: what happened, when, at which replay generation, and its facts (rule, legal basis, ...). */
    public record Step(String name, Instant at, int generation, Map<String, String> facts) {
    }

    /** One recipient's steps after the common ones. */
    public record Leg(String recipient, String state, List<Step> steps) {
    }

    /** The message: the steps every leg shares (received, validated), then each leg. */
    public record Timeline(String messageId, String source, String event, Instant receivedAt, List<Step> common,
                           List<Leg> legs) {
    }

    /** The sources that sent a message with this id (normally one). */
    public List<String> sources(String messageId) {
        return jdbc.queryForList("SELECT source_agency FROM inbound_receipt WHERE message_id = ? ORDER BY source_agency",
                String.class, messageId);
    }

    public Optional<Timeline> of(String messageId, String source) {
        List<Map<String, Object>> receipt = jdbc.queryForList("SELECT event_code, received_at FROM inbound_receipt"
                + " WHERE message_id = ? AND source_agency = ?", messageId, source);
        if (receipt.isEmpty()) {
            return Optional.empty();
        }
        Instant received = instant(receipt.get(0).get("received_at"));
        List<Step> common = List.of(
                new Step("received", received, 0, Map.of("from", source)),
                // why: the edge writes the receipt only after the message passed its checks (InboundMessageCheck)
                new Step("validated", received, 0, Map.of("checks", "passed the inbound checks at the edge")));
        Map<String, List<Step>> legs = new LinkedHashMap<>();
        Map<String, String> states = new LinkedHashMap<>();
        jdbc.query("SELECT recipient_agency, replay_generation, reason, fallback, decided_at FROM routing_decision"
                + " WHERE message_id = ? AND source_agency IN (?, '') ORDER BY decided_at", rs -> {
            legs.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Step("routed", instant(rs.getTimestamp(5)),
                    rs.getInt(2), facts("reason", rs.getString(3), "fallback", rs.getBoolean(4) ? "yes" : "no")));
        }, messageId, source);
        jdbc.query("SELECT entry_kind, recipient_agency, replay_generation, outcome, rule_id, purpose, legal_basis,"
                + " consent_ref, override_reason, occurred_at FROM ledger_entry WHERE message_id = ?"
                + " AND (source_agency = ? OR source_agency IS NULL) ORDER BY seq", rs -> {
            String recipient = rs.getString(2);
            String kind = rs.getString(1);
            String outcome = rs.getString(4);
            Instant at = instant(rs.getTimestamp(10));
            int gen = rs.getInt(3);
            List<Step> steps = legs.computeIfAbsent(recipient, k -> new ArrayList<>());
            if ("DECISION".equals(kind)) {
                steps.add(new Step("decided", at, gen, facts("outcome", outcome, "rule", rs.getString(5),
                        "purpose", rs.getString(6), "legal basis", rs.getString(7),
                        "consent record", rs.getString(8) == null ? null : "yes",
                        "objection overridden", rs.getString(9) == null ? null : "yes")));
                if ("WITHHOLD".equals(outcome)) {
                    steps.add(new Step("withheld", at, gen, facts("rule", rs.getString(5))));
                }
            } else {
                String step = LegStates.step(kind, outcome);
                if (step != null) {
                    steps.add(new Step(step, at, gen, Map.of()));
                }
            }
            String step = LegStates.step(kind, outcome);
            if (step != null) {
                states.put(recipient, step);
            }
        }, messageId, source);
        answers.forNotice(messageId).stream().filter(a -> a.noticeSource().equals(source)).forEach(a -> {
            List<Step> steps = legs.get(a.answeringAgency());
            if (steps != null) {
                int gen = steps.stream().mapToInt(Step::generation).max().orElse(0);
                steps.add(new Step(a.outcome().toLowerCase(java.util.Locale.ROOT), a.answeredAt(), gen,
                        facts("response message", a.responseMessageId())));
                states.put(a.answeringAgency(), a.outcome().toLowerCase(java.util.Locale.ROOT));
            }
        });
        List<Leg> out = new ArrayList<>();
        legs.forEach((recipient, steps) -> out.add(new Leg(recipient, states.getOrDefault(recipient, "received"), steps)));
        return Optional.of(new Timeline(messageId, source, (String) receipt.get(0).get("event_code"), received, common, out));
    }

    private static Map<String, String> facts(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            if (kv[i + 1] != null) {
                m.put(kv[i], kv[i + 1]);
            }
        }
        return m;
    }

    private static Instant instant(Object value) {
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        return value instanceof Instant i ? i : null;
    }
}
