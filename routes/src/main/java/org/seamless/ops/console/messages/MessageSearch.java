package org.seamless.ops.console.messages;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.seamless.ops.tracking.MessageTracking;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The console's message search (ADR 0053): messages as the hub received them ({@code inbound_receipt}),
 * filtered by message id, agency (as sender or as recipient), event, state and time range, newest
 * first, a page at a time by keyset (the last row of a page is where the next begins, so page 500 costs
 * what page 1 does). The state filter asks whether a leg of the message reached that state, from the
 * ledger and the answers ({@link MessageTracking} tells the whole story of one message). The indexes
 * it relies on are in {@code V93__console_message_search.sql}. Reads only; no personal data involved.
 */
@Component
public class MessageSearch {
    public static final int PAGE_SIZE = 25;
    static final int MAX_PAGE_SIZE = 100;

    private final JdbcTemplate jdbc;
    private final LegStates legs;

    public MessageSearch(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.legs = new LegStates(jdbc);
    }

    /** One message in a result page, with the current state of each of its legs. */
    public record Row(String messageId, String source, String event, Instant receivedAt, List<LegStates.Leg> legs) {
    }

    /** A page of results and the cursor of the next page, when there is one. */
    public record Page(List<Row> rows, Optional<SearchCursor> next) {
    }

    public Page search(SearchCriteria c, Optional<SearchCursor> after, int size) {
        int limit = Math.max(1, Math.min(size, MAX_PAGE_SIZE));
        StringBuilder sql = new StringBuilder("SELECT r.source_agency, r.message_id, r.event_code, r.received_at"
                + " FROM inbound_receipt r WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        c.messageId().ifPresent(id -> {
            sql.append(" AND r.message_id = ?");
            args.add(id);
        });
        c.agency().ifPresent(a -> {
            if (c.role() == SearchCriteria.AgencyRole.RECIPIENT) {
                sql.append(" AND EXISTS (SELECT 1 FROM ledger_entry l WHERE l.message_id = r.message_id")
                        .append(" AND l.recipient_agency = ? AND l.entry_kind = 'DECISION'")
                        .append(" AND (l.source_agency = r.source_agency OR l.source_agency IS NULL))");
            } else {
                sql.append(" AND r.source_agency = ?");
            }
            args.add(a);
        });
        c.event().ifPresent(e -> {
            sql.append(" AND r.event_code = ?");
            args.add(e);
        });
        c.from().ifPresent(t -> {
            sql.append(" AND r.received_at >= ?");
            args.add(Timestamp.from(t));
        });
        c.to().ifPresent(t -> {
            sql.append(" AND r.received_at < ?");
            args.add(Timestamp.from(t));
        });
        c.state().ifPresent(s -> {
            sql.append(" AND ").append(stateClause(s));
            if (s == SearchCriteria.State.ACCEPTED || s == SearchCriteria.State.REJECTED) {
                args.add(s.name().toLowerCase(java.util.Locale.ROOT));
            }
        });
        after.ifPresent(k -> {
            // why: the redundant "<=" lets either database bound the index range by time
            sql.append(" AND r.received_at <= ? AND (r.received_at < ? OR (r.received_at = ? AND (r.source_agency < ?")
                    .append(" OR (r.source_agency = ? AND r.message_id < ?))))");
            Timestamp at = Timestamp.from(k.receivedAt());
            args.addAll(List.of(at, at, at, k.source(), k.source(), k.messageId()));
        });
        sql.append(" ORDER BY r.received_at DESC, r.source_agency DESC, r.message_id DESC LIMIT ?");
        args.add(limit + 1);
        List<Row> rows = jdbc.query(sql.toString(), (rs, i) -> new Row(rs.getString(2), rs.getString(1),
                rs.getString(3), rs.getTimestamp(4).toInstant(), List.of()), args.toArray());
        Optional<SearchCursor> next = Optional.empty();
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            Row last = rows.get(limit - 1);
            next = Optional.of(new SearchCursor(last.receivedAt(), last.source(), last.messageId()));
        }
        var states = legs.of(rows.stream().map(r -> new LegStates.Key(r.source(), r.messageId())).toList());
        List<Row> withLegs = rows.stream().map(r -> new Row(r.messageId(), r.source(), r.event(), r.receivedAt(),
                states.getOrDefault(new LegStates.Key(r.source(), r.messageId()), List.of()))).toList();
        return new Page(withLegs, next);
    }

    /** "A leg of this message reached the state", each an indexed probe by message id. */
    static String stateClause(SearchCriteria.State state) {
        String sameMessage = "l.message_id = r.message_id AND (l.source_agency = r.source_agency OR l.source_agency IS NULL)";
        return switch (state) {
            case RECEIVED -> "NOT EXISTS (SELECT 1 FROM ledger_entry l WHERE " + sameMessage + ")";
            case WITHHELD -> "EXISTS (SELECT 1 FROM ledger_entry l WHERE " + sameMessage
                    + " AND l.entry_kind = 'DECISION' AND l.outcome = 'WITHHOLD')";
            case RELEASED -> "EXISTS (SELECT 1 FROM ledger_entry l WHERE " + sameMessage + " AND l.entry_kind = 'RELEASE'"
                    + " AND NOT EXISTS (SELECT 1 FROM ledger_entry a WHERE a.message_id = l.message_id"
                    + " AND a.recipient_agency = l.recipient_agency AND a.replay_generation = l.replay_generation"
                    + " AND a.entry_kind = 'ACKNOWLEDGEMENT'))";
            case DELIVERED -> "EXISTS (SELECT 1 FROM ledger_entry l WHERE " + sameMessage
                    + " AND l.entry_kind = 'ACKNOWLEDGEMENT' AND l.outcome = 'DELIVERED')";
            case DEAD_LETTERED -> "EXISTS (SELECT 1 FROM ledger_entry l WHERE " + sameMessage
                    + " AND l.entry_kind = 'ACKNOWLEDGEMENT' AND l.outcome = 'DEADLINE_PASSED')";
            case UNDELIVERABLE -> "EXISTS (SELECT 1 FROM ledger_entry l WHERE " + sameMessage
                    + " AND l.entry_kind = 'ACKNOWLEDGEMENT' AND l.outcome = 'UNDELIVERABLE')";
            case REFUSED -> "EXISTS (SELECT 1 FROM ledger_entry l WHERE " + sameMessage + " AND l.entry_kind ="
                    + " 'ACKNOWLEDGEMENT' AND l.outcome NOT IN ('DELIVERED', 'DEADLINE_PASSED', 'UNDELIVERABLE'))";
            case ACCEPTED, REJECTED -> "EXISTS (SELECT 1 FROM notice_answer n WHERE n.notice_message_id = r.message_id"
                    + " AND n.notice_source_agency = r.source_agency AND LOWER(n.outcome) = ?)";
        };
    }
}
