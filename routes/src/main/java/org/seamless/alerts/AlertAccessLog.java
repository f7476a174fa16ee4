package org.seamless.alerts;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Table {@code alert_access}: who pulled a person's flags owned by an LA, when, from which setting, and
 * whether the LA was notified. Silent-read accesses are kept (for the IG lead) but never shown to the LA.
 */
@Component
public class AlertAccessLog {
    private final JdbcTemplate jdbc;

    public AlertAccessLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void record(Access a) {
        jdbc.update("INSERT INTO alert_access (id, accessed_at, nhs_number, owner_agency, caller_agency, caller_ods,"
                        + " setting, setting_name, silent, notified) VALUES (?,?,?,?,?,?,?,?,?,?)",
                UUID.randomUUID().toString(), Timestamp.from(a.at()), a.nhsNumber(), a.owner(), a.callerAgency(),
                a.callerOds(), a.setting(), a.settingName(), a.silent(), a.notified());
    }

    /** The last {@code limit} accesses the owning LA may see (not silent), newest first. */
    public List<Access> lastVisibleTo(String owner, String nhsNumber, int limit) {
        return jdbc.query("SELECT accessed_at, nhs_number, owner_agency, caller_agency, caller_ods, setting, setting_name,"
                        + " silent, notified FROM alert_access WHERE owner_agency = ? AND nhs_number = ? AND silent = FALSE"
                        + " ORDER BY accessed_at DESC, id LIMIT ?",
                (rs, i) -> new Access(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getBoolean(8), rs.getBoolean(9)),
                owner, nhsNumber, limit);
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
