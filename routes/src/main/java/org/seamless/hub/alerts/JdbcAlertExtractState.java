package org.seamless.hub.alerts;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.seamless.adapters.spi.AlertExtractState;
import org.seamless.mappings.alert.AlertType;
import org.seamless.mappings.alert.SocialCareAlert;
import org.seamless.mappings.canonical.NhsNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** The la-csv adapters' alert state in table {@code la_alert_state}; every call works on one chunk. */
@Component
public class JdbcAlertExtractState implements AlertExtractState {
    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final TransactionTemplate tx;
    private final OperatorAlerts operatorAlerts;

    private final org.seamless.ops.metrics.SeamlessMetrics metrics;

    static final String NHS = "la_alert_state.nhs_number";
    static final String TEAM_NAME = "la_alert_state.team_name";
    static final String TEAM_PHONE = "la_alert_state.team_phone";
    private final org.seamless.privacy.keys.FieldCipher cipher;

    public JdbcAlertExtractState(JdbcTemplate jdbc, TransactionTemplate tx, OperatorAlerts operatorAlerts,
                                 org.seamless.privacy.keys.FieldCipher cipher) {
        this(jdbc, tx, operatorAlerts, null, cipher);
    }

    /** The NHS number and the team's name and phone are stored encrypted (ADR 0071). */
    @org.springframework.beans.factory.annotation.Autowired
    public JdbcAlertExtractState(JdbcTemplate jdbc, TransactionTemplate tx, OperatorAlerts operatorAlerts,
                                 org.seamless.ops.metrics.SeamlessMetrics metrics, org.seamless.privacy.keys.FieldCipher cipher) {
        this.cipher = cipher;
        this.metrics = metrics;
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.tx = tx;
        this.operatorAlerts = operatorAlerts;
    }

    @Override
    public Map<String, Known> lookup(String agencyId, Collection<String> alertIds) {
        Map<String, Known> out = new HashMap<>();
        if (alertIds.isEmpty()) {
            return out;
        }
        // why: only the IN list in SQL, the agency filtered here: with "agency_id = ? AND alert_id IN (...)" H2
        // picks an index led by agency_id and scans all the agency's rows per chunk (quadratic; benchmark)
        named.query("SELECT agency_id, alert_id, digest, active FROM la_alert_state WHERE alert_id IN (:ids)",
                new MapSqlParameterSource("ids", alertIds),
                rs -> {
                    if (agencyId.equals(rs.getString(1))) {
                        out.put(rs.getString(2), new Known(rs.getString(3), rs.getBoolean(4)));
                    }
                });
        return out;
    }

    @Override
    public void markSeen(String agencyId, String runId, Collection<String> alertIds) {
        if (!alertIds.isEmpty()) {
            // why: one primary-key update per id (batched), for the same reason as in lookup
            jdbc.batchUpdate("UPDATE la_alert_state SET seen_run = ? WHERE agency_id = ? AND alert_id = ?",
                    alertIds.stream().map(id -> new Object[] {runId, agencyId, id}).toList());
        }
    }

    @Override
    public long countActive(String agencyId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM la_alert_state WHERE agency_id = ? AND active = TRUE",
                Long.class, agencyId);
    }

    @Override
    public long countActiveNotSeen(String agencyId, String runId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM la_alert_state WHERE agency_id = ? AND active = TRUE"
                + " AND (seen_run IS NULL OR seen_run <> ?)", Long.class, agencyId, runId);
    }

    @Override
    public void forEachActiveNotSeen(String agencyId, String runId, Consumer<SocialCareAlert> each) {
        jdbc.query("SELECT alert_id, nhs_number, alert_type, start_date, end_date, review_date, team_name, team_phone"
                + " FROM la_alert_state WHERE agency_id = ? AND active = TRUE AND (seen_run IS NULL OR seen_run <> ?)"
                + " ORDER BY alert_id", rs -> {
                    each.accept(new SocialCareAlert(agencyId, null, null, rs.getString(1), NhsNumber.parse(cipher.open(NHS, rs.getString(2))),
                            AlertType.fromCode(rs.getString(3)).orElseThrow(), LocalDate.parse(rs.getString(4)),
                            date(rs.getString(5)), date(rs.getString(6)), false, cipher.open(TEAM_NAME, rs.getString(7)),
                            cipher.open(TEAM_PHONE, rs.getString(8))));
                }, agencyId, runId);
    }

    private static LocalDate date(String s) {
        return s == null ? null : LocalDate.parse(s);
    }

    @Override
    public void save(String agencyId, String seenRun, List<Saved> rows) {
        if (rows.isEmpty()) {
            return;
        }
        tx.executeWithoutResult(s -> {
            // why: an alert the import did not find is inserted, one it found updated in place by its key: one statement
            // per row instead of a delete and an insert (ADR 0066); inserts first, so a second row of the same alert
            // in the chunk (known by then) updates the first
            List<Saved> known = new ArrayList<>();
            List<Saved> fresh = new ArrayList<>();
            for (Saved r : rows) {
                (r.known() ? known : fresh).add(r);
            }
            insert(agencyId, seenRun, fresh);
            if (known.isEmpty()) {
                return;
            }
            int[] updated = jdbc.batchUpdate("UPDATE la_alert_state SET digest = ?, active = ?, nhs_number = ?,"
                    + " alert_type = ?, start_date = ?, end_date = ?, review_date = ?, team_name = ?, team_phone = ?,"
                    + " seen_run = ? WHERE agency_id = ? AND alert_id = ?", known.stream().map(r -> {
                        SocialCareAlert a = r.alert();
                        return new Object[] {r.digest(), r.active(), cipher.seal(NHS, a.nhsNumber().value()),
                                a.type().code(), a.start().toString(), str(a.end()), str(a.review()),
                                cipher.seal(TEAM_NAME, a.teamName()), cipher.seal(TEAM_PHONE, a.teamPhone()), seenRun,
                                agencyId, a.alertId()};
                    }).toList());
            // why: a row gone since the lookup (or a driver that does not report counts) is written again in full:
            // delete + insert is portable (PostgreSQL and H2) where MERGE/ON CONFLICT are not
            List<Saved> again = new ArrayList<>();
            for (int i = 0; i < known.size(); i++) {
                if (i >= updated.length || updated[i] != 1) {
                    again.add(known.get(i));
                }
            }
            if (!again.isEmpty()) {
                jdbc.batchUpdate("DELETE FROM la_alert_state WHERE agency_id = ? AND alert_id = ?",
                        again.stream().map(r -> new Object[] {agencyId, r.alert().alertId()}).toList());
                insert(agencyId, seenRun, again);
            }
        });
    }

    private void insert(String agencyId, String seenRun, List<Saved> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("INSERT INTO la_alert_state (agency_id, alert_id, digest, active, nhs_number, alert_type,"
                + " start_date, end_date, review_date, team_name, team_phone, seen_run) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                rows.stream().map(r -> {
                    SocialCareAlert a = r.alert();
                    return new Object[] {agencyId, a.alertId(), r.digest(), r.active(),
                            cipher.seal(NHS, a.nhsNumber().value()), a.type().code(), a.start().toString(), str(a.end()),
                            str(a.review()), cipher.seal(TEAM_NAME, a.teamName()), cipher.seal(TEAM_PHONE, a.teamPhone()),
                            seenRun};
                }).toList());
    }

    @Override
    public void importProgress(String agencyId, org.seamless.adapters.spi.ImportProgress.Snapshot progress) {
        if (metrics != null) {
            metrics.importProgress(agencyId, progress);
        }
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    @Override
    public void extractImported(String agencyId, long accepted, long rejected, long refusedByGate) {
        if (metrics != null) {
            metrics.alertExtractRows(agencyId, accepted, rejected, refusedByGate);
        }
    }

    @Override
    public void operatorAlert(String agencyId, String code, String detail) {
        operatorAlerts.raise(agencyId, code, detail);
    }
}
