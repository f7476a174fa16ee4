package org.seamless.hub.d2aclock;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@link StayClockStore} on table {@code d2a_stay_clock} (V107). */
public class JdbcStayClockStore implements StayClockStore {
    private static final String COLUMNS = "stay_ref, trust_agency, council_agency, pathway, discharge_ready_date,"
            + " discharged_on, care_arranged, cancelled, last_message_id";
    private final JdbcTemplate jdbc;

    public JdbcStayClockStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<StayRecord> find(String stayRef) {
        return jdbc.query("SELECT " + COLUMNS + " FROM d2a_stay_clock WHERE stay_ref = ?", JdbcStayClockStore::row,
                stayRef).stream().findFirst();
    }

    @Override
    public void save(StayRecord r, Instant at) {
        Object[] values = {r.trust(), r.council().orElse(null), r.pathway(), r.dischargeReadyDate().map(Date::valueOf)
                .orElse(null), r.dischargedOn().map(Date::valueOf).orElse(null), r.careArranged(), r.cancelled(),
                r.lastMessageId(), Timestamp.from(at), r.stayRef()};
        int n = jdbc.update("UPDATE d2a_stay_clock SET trust_agency = ?, council_agency = ?, pathway = ?,"
                + " discharge_ready_date = ?, discharged_on = ?, care_arranged = ?, cancelled = ?, last_message_id = ?,"
                + " updated_at = ? WHERE stay_ref = ?", values);
        if (n == 0) {
            jdbc.update("INSERT INTO d2a_stay_clock (trust_agency, council_agency, pathway, discharge_ready_date,"
                    + " discharged_on, care_arranged, cancelled, last_message_id, updated_at, stay_ref)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", values);
        }
    }

    @Override
    public List<StayRecord> dischargedBetween(LocalDate from, LocalDate to) {
        return jdbc.query("SELECT " + COLUMNS + " FROM d2a_stay_clock WHERE discharged_on >= ? AND discharged_on < ?",
                JdbcStayClockStore::row, Date.valueOf(from), Date.valueOf(to));
    }

    @Override
    public List<StayRecord> overdue(LocalDate readyOnOrBefore) {
        return jdbc.query("SELECT " + COLUMNS + " FROM d2a_stay_clock WHERE discharged_on IS NULL AND cancelled = FALSE"
                + " AND care_arranged = FALSE AND alerted_at IS NULL AND discharge_ready_date <= ?",
                JdbcStayClockStore::row, Date.valueOf(readyOnOrBefore));
    }

    @Override
    public void markAlerted(String stayRef, Instant at) {
        jdbc.update("UPDATE d2a_stay_clock SET alerted_at = ? WHERE stay_ref = ?", Timestamp.from(at), stayRef);
    }

    @Override
    public void linkPerson(String stayRef, String personRef) {
        jdbc.update("UPDATE d2a_stay_clock SET person_ref = ? WHERE stay_ref = ? AND (person_ref IS NULL OR person_ref <> ?)",
                personRef, stayRef, personRef);
    }

    private static StayRecord row(ResultSet rs, int i) throws SQLException {
        Date ready = rs.getDate("discharge_ready_date");
        Date out = rs.getDate("discharged_on");
        return new StayRecord(rs.getString("stay_ref"), rs.getString("trust_agency"),
                Optional.ofNullable(rs.getString("council_agency")), rs.getString("pathway"),
                Optional.ofNullable(ready).map(Date::toLocalDate), Optional.ofNullable(out).map(Date::toLocalDate),
                rs.getBoolean("care_arranged"), rs.getBoolean("cancelled"), rs.getString("last_message_id"));
    }
}
