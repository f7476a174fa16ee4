package org.seamless.ops.pds;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.seamless.adapters.lacsv.TraceSettings;
import org.seamless.adapters.pds.TraceStore;
import org.seamless.adapters.registry.AgencyRegistry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The work queue (held rows) and the match-rate report, read from {@code pds_trace}: references and counts only. */
@Component
public class PdsReports {
    static final int MAX_ROWS = 1000;
    /** The outcomes that hold a row, as an SQL list. */
    static final String HELD = "('" + TraceStore.Outcome.NO_MATCH + "', '" + TraceStore.Outcome.MULTIPLE_MATCHES
            + "', '" + TraceStore.Outcome.NOT_FOUND + "')";
    private final JdbcTemplate jdbc;
    private final AgencyRegistry registry;

    public PdsReports(JdbcTemplate jdbc, AgencyRegistry registry) {
        this.jdbc = jdbc;
        this.registry = registry;
    }

    /**
     * One held row: where it is (agency, file, line) and why, never its values; for a resolved row, when, by whom
     * and the operator's note (ADR 0085), null while it is open.
     */
    public record Held(String agencyId, String fileName, String fileDigest, long line, String reason, String heldAt,
                       String resolvedAt, String resolvedBy, String resolutionNote) {
    }

    /** Open held rows of an agency (all agencies when null), newest first, at most {@value #MAX_ROWS}. */
    public List<Held> workQueue(String agencyId) {
        return held(agencyId, false);
    }

    /**
     * Held rows of an agency (all when null): the open ones newest held first, or the resolved ones newest resolved
     * first; at most {@value #MAX_ROWS}.
     */
    public List<Held> held(String agencyId, boolean resolved) {
        List<Object> args = new ArrayList<>();
        String where = "outcome IN " + HELD + " AND resolved_at IS " + (resolved ? "NOT NULL" : "NULL");
        if (agencyId != null) {
            where += " AND agency_id = ?";
            args.add(agencyId);
        }
        return jdbc.query("SELECT agency_id, file_name, file_digest, line, outcome, traced_at, resolved_at,"
                        + " resolved_by, resolution_note FROM pds_trace WHERE " + where + " ORDER BY "
                        + (resolved ? "resolved_at DESC, " : "") + "traced_at DESC, agency_id, file_digest, line"
                        + " FETCH FIRST " + MAX_ROWS + " ROWS ONLY",
                (rs, i) -> new Held(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        reason(TraceStore.Outcome.valueOf(rs.getString(5))),
                        rs.getTimestamp(6).toInstant().toString(),
                        rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant().toString(),
                        rs.getString(8), rs.getString(9)), args.toArray());
    }

    static String reason(TraceStore.Outcome o) {
        return switch (o) {
            case NO_MATCH -> "no-match";
            case MULTIPLE_MATCHES -> "multiple-matches";
            case NOT_FOUND -> "number-not-in-pds";
            default -> o.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /**
     * Counts by agency and by extract file: verified, superseded (replaced), traced, held (by reason), and the
     * match rate (traced of the rows without a number); the held rows still open in the work queue; the agency's
     * minimum match rate as configured now ({@code pds-minimum-match-rate-percent}, null for an agency no longer in
     * the registry) and the extracts whose rate is below it (held whole at import, ADR 0079).
     */
    public List<Map<String, Object>> matchRates(String agencyId) {
        Map<String, Map<String, Object>> byAgency = new LinkedHashMap<>();
        List<Object> args = new ArrayList<>();
        String where = agencyId == null ? "" : " WHERE agency_id = ?";
        if (agencyId != null) {
            args.add(agencyId);
        }
        jdbc.query("SELECT agency_id, file_digest, MIN(file_name), outcome, COUNT(*),"
                + " SUM(CASE WHEN resolved_at IS NULL THEN 0 ELSE 1 END) FROM pds_trace" + where
                + " GROUP BY agency_id, file_digest, outcome ORDER BY agency_id, MIN(file_name), file_digest", rs -> {
            Map<String, Object> agency = byAgency.computeIfAbsent(rs.getString(1), a -> counts(Map.of("agency", a)));
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> files = (Map<String, Map<String, Object>>) agency
                    .computeIfAbsent("extracts", k -> new LinkedHashMap<String, Map<String, Object>>());
            Map<String, Object> file = files.computeIfAbsent(rs.getString(2), d -> counts(Map.of("file",
                    safe(rs), "fileDigest", d)));
            add(agency, rs.getString(4), rs.getLong(5), rs.getLong(6));
            add(file, rs.getString(4), rs.getLong(5), rs.getLong(6));
        }, args.toArray());
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> a : byAgency.values()) {
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> files = (Map<String, Map<String, Object>>) a.remove("extracts");
            rate(a);
            Double minimum = minimum((String) a.get("agency")).orElse(null);
            a.put("minimumMatchRatePercent", minimum);
            List<Map<String, Object>> list = new ArrayList<>(files.values());
            long below = 0;
            for (Map<String, Object> f : list) {
                rate(f);
                // why: the import's own test (AlertCsvImport.belowMinimum): rows were searched and too few traced
                boolean held = minimum != null && (Long) f.get("searched") > 0
                        && (Double) f.get("matchRatePercent") < minimum;
                f.put("heldBelowMinimum", held);
                below += held ? 1 : 0;
            }
            a.put("extractsHeldBelowMinimum", below);
            a.put("extracts", list);
            out.add(a);
        }
        return out;
    }

    private static String safe(java.sql.ResultSet rs) {
        try {
            return rs.getString(3);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The agency's minimum match rate as configured now; empty for an agency no longer in the registry. */
    private Optional<Double> minimum(String agencyId) {
        return registry.find(agencyId).map(a -> TraceSettings.from(a.adapter()).minimumMatchRatePercent());
    }

    private static Map<String, Object> counts(Map<String, Object> head) {
        Map<String, Object> m = new LinkedHashMap<>(head);
        for (String k : List.of("verified", "superseded", "traced", "held", "heldNoMatch", "heldMultipleMatches",
                "heldNumberNotInPds", "heldOpen")) {
            m.put(k, 0L);
        }
        return m;
    }

    private static void add(Map<String, Object> m, String outcome, long n, long resolved) {
        String key = switch (TraceStore.Outcome.valueOf(outcome)) {
            case VERIFIED -> "verified";
            case SUPERSEDED -> "superseded";
            case TRACED -> "traced";
            case NO_MATCH -> "heldNoMatch";
            case MULTIPLE_MATCHES -> "heldMultipleMatches";
            case NOT_FOUND -> "heldNumberNotInPds";
        };
        m.merge(key, n, (x, y) -> (Long) x + (Long) y);
        if (TraceStore.Outcome.valueOf(outcome).held()) {
            m.merge("held", n, (x, y) -> (Long) x + (Long) y);
            m.merge("heldOpen", n - resolved, (x, y) -> (Long) x + (Long) y);
        }
    }

    private static void rate(Map<String, Object> m) {
        long traced = (Long) m.get("traced");
        long searched = traced + (Long) m.get("heldNoMatch") + (Long) m.get("heldMultipleMatches");
        m.put("searched", searched);
        m.put("matchRatePercent", searched == 0 ? 100.0 : Math.round(traced * 1000.0 / searched) / 10.0);
    }
}
