package org.seamless.hub.alerts;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.seamless.privacy.keys.FieldCipher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Table {@code alert_access}: who pulled a person's flags owned by an LA, when, from which setting, and
 * whether the LA was notified. Silent-read accesses are kept (for the IG lead) but never shown to the LA.
 * The NHS number is stored encrypted with a blind index (ADR 0071).
 */
@Component
public class AlertAccessLog {
    public static final String NHS = "alert_access.nhs_number";
    private final JdbcTemplate jdbc;
    private final FieldCipher cipher;

    public AlertAccessLog(JdbcTemplate jdbc, FieldCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    public void record(Access a) {
        jdbc.update("INSERT INTO alert_access (id, accessed_at, nhs_number, nhs_index, owner_agency, caller_agency,"
                        + " caller_ods, setting, setting_name, silent, notified) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                UUID.randomUUID().toString(), Timestamp.from(a.at()), cipher.seal(NHS, a.nhsNumber()),
                cipher.index(NHS, a.nhsNumber()), a.owner(), a.callerAgency(),
                a.callerOds(), a.setting(), a.settingName(), a.silent(), a.notified());
    }

    /** The last {@code limit} accesses the owning LA may see (not silent), newest first. */
    public List<Access> lastVisibleTo(String owner, String nhsNumber, int limit) {
        List<String> indexes = cipher.indexes(NHS, nhsNumber);
        List<Object> args = new java.util.ArrayList<>();
        args.add(owner);
        args.addAll(indexes);
        args.add(limit);
        return jdbc.query("SELECT accessed_at, nhs_number, owner_agency, caller_agency, caller_ods, setting, setting_name,"
                        + " silent, notified FROM alert_access WHERE owner_agency = ? AND nhs_index IN ("
                        + String.join(",", java.util.Collections.nCopies(indexes.size(), "?")) + ") AND silent = FALSE"
                        + " ORDER BY accessed_at DESC, id LIMIT ?",
                (rs, i) -> new Access(rs.getTimestamp(1).toInstant(), cipher.open(NHS, rs.getString(2)), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getBoolean(8),
                        rs.getBoolean(9)),
                args.toArray());
    }

    /** One access row. */
    public record Access(Instant at, String nhsNumber, String owner, String callerAgency, String callerOds,
                         String setting, String settingName, boolean silent, boolean notified) {
        @Override
        public String toString() { // why: no NHS number in logs
            return "Access[owner=" + owner + ", caller=" + callerAgency + ", setting=" + setting + "]";
        }
    }
}
