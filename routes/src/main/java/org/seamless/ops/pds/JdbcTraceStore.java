package org.seamless.ops.pds;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.seamless.adapters.pds.TraceStore;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.privacy.keys.FieldCipher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** PDS answers per extract row in {@code pds_trace}; the number PDS gave is stored encrypted (ADR 0071, 0079). */
@Component
public class JdbcTraceStore implements TraceStore {
    static final String NHS = "pds_trace.nhs_number";
    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final TransactionTemplate tx;
    private final FieldCipher cipher;
    private final Clock clock;

    public JdbcTraceStore(JdbcTemplate jdbc, TransactionTemplate tx, FieldCipher cipher, Clock clock) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.tx = tx;
        this.cipher = cipher;
        this.clock = clock;
    }

    @Override
    public Map<Long, Traced> lookup(String agencyId, String fileDigest, Collection<Long> lines) {
        Map<Long, Traced> out = new HashMap<>();
        if (lines.isEmpty()) {
            return out;
        }
        named.query("SELECT line, outcome, nhs_number FROM pds_trace WHERE agency_id = :a AND file_digest = :d"
                        + " AND line IN (:lines)",
                new MapSqlParameterSource("a", agencyId).addValue("d", fileDigest).addValue("lines", lines),
                rs -> {
                    String stored = rs.getString(3);
                    out.put(rs.getLong(1), new Traced(rs.getLong(1), Outcome.valueOf(rs.getString(2)),
                            stored == null ? null : NhsNumber.parse(cipher.open(NHS, stored))));
                });
        return out;
    }

    @Override
    public void save(String agencyId, String fileDigest, String fileName, List<Traced> rows) {
        Timestamp now = Timestamp.from(clock.instant());
        tx.executeWithoutResult(s -> {
            Map<Long, Traced> already = lookup(agencyId, fileDigest, rows.stream().map(Traced::line).toList());
            // why: a line already kept keeps its first answer (another instance may have traced it meanwhile)
            jdbc.batchUpdate("INSERT INTO pds_trace (agency_id, file_digest, line, file_name, outcome, nhs_number,"
                            + " traced_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    rows.stream().filter(r -> !already.containsKey(r.line())).map(r -> new Object[] {agencyId,
                            fileDigest, r.line(), cut(fileName), r.outcome().name(),
                            r.nhsNumber() == null ? null : cipher.seal(NHS, r.nhsNumber().value()), now}).toList());
        });
    }

    private static String cut(String s) {
        return s.length() > 255 ? s.substring(0, 255) : s;
    }
}
