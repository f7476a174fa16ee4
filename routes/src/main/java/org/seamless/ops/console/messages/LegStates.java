package org.seamless.ops.console.messages;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The current state of each leg of a page of messages, in two queries (ledger entries and answers of
 * the page's message ids), by the rules of {@code MessageTracking}: the last step at the leg's latest
 * replay generation, then the recipient's answer.
 */
public final class LegStates {
    private final JdbcTemplate jdbc;

    LegStates(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record Key(String source, String messageId) {
    }

    /** One recipient's leg and its state. */
    public record Leg(String recipient, String state) {
    }

    Map<Key, List<Leg>> of(List<Key> keys) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        Object[] ids = keys.stream().map(Key::messageId).distinct().toArray();
        String in = String.join(",", Collections.nCopies(ids.length, "?"));
        // key -> recipient -> [generation, state]
        Map<Key, Map<String, Object[]>> legs = new HashMap<>();
        jdbc.query("SELECT message_id, source_agency, recipient_agency, replay_generation, entry_kind, outcome"
                + " FROM ledger_entry WHERE message_id IN (" + in + ") ORDER BY seq", rs -> {
            String source = rs.getString(2);
            for (Key k : keys) {
                if (!k.messageId().equals(rs.getString(1)) || (source != null && !source.equals(k.source()))) {
                    continue;
                }
                int gen = rs.getInt(4);
                Object[] leg = legs.computeIfAbsent(k, x -> new LinkedHashMap<>())
                        .computeIfAbsent(rs.getString(3), x -> new Object[] {gen, "received"});
                if ((int) leg[0] > gen) {
                    continue;
                }
                if ((int) leg[0] < gen) {
                    leg[0] = gen;
                    leg[1] = "received";
                }
                String step = step(rs.getString(5), rs.getString(6));
                if (step != null) {
                    leg[1] = step;
                }
            }
        }, ids);
        jdbc.query("SELECT notice_message_id, notice_source_agency, answering_agency, outcome FROM notice_answer"
                + " WHERE notice_message_id IN (" + in + ") ORDER BY answered_at", rs -> {
            Key k = new Key(rs.getString(2), rs.getString(1));
            Object[] leg = legs.getOrDefault(k, Map.of()).get(rs.getString(3));
            if (leg != null) {
                leg[1] = rs.getString(4).toLowerCase(java.util.Locale.ROOT);
            }
        }, ids);
        Map<Key, List<Leg>> out = new HashMap<>();
        legs.forEach((k, byRecipient) -> {
            List<Leg> list = new ArrayList<>();
            byRecipient.forEach((recipient, leg) -> list.add(new Leg(recipient, (String) leg[1])));
            out.put(k, list);
        });
        return out;
    }

    /** The state an entry moves a leg to, or null when it does not move it (a release decision). */
    static String step(String kind, String outcome) {
        return switch (kind) {
            case "DECISION" -> "WITHHOLD".equals(outcome) ? "withheld" : null;
            case "RELEASE" -> "RELEASE_PSEUDONYMISED".equals(outcome) ? "released pseudonymised" : "released";
            case "ACKNOWLEDGEMENT" -> "DELIVERED".equals(outcome) ? "delivered"
                    : "DEADLINE_PASSED".equals(outcome) ? "dead-lettered"
                    : "UNDELIVERABLE".equals(outcome) ? "undeliverable" : "refused";
            default -> null;
        };
    }
}
