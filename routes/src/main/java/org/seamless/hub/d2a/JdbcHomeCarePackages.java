package org.seamless.hub.d2a;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.seamless.mappings.d2a.HomeCarePackage;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@link HomeCarePackages} on table {@code d2a_home_care_package} (V119), shared by every hub instance. */
public class JdbcHomeCarePackages implements HomeCarePackages {
    private final JdbcTemplate jdbc;

    public JdbcHomeCarePackages(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Stored> find(String personRef, String council) {
        return jdbc.query("SELECT council_agency, package_id, provider_agency, suspended_stay_ref"
                + " FROM d2a_home_care_package WHERE person_ref = ? AND council_agency = ?",
                (rs, i) -> new Stored(new HomeCarePackage(rs.getString(1), rs.getString(2), rs.getString(3)),
                        Optional.ofNullable(rs.getString(4))), personRef, council).stream().findFirst();
    }

    @Override
    public void record(String personRef, HomeCarePackage p, String messageId, Instant at) {
        Object[] values = {p.providerAgencyId(), p.packageId(), messageId, Timestamp.from(at), personRef,
                p.councilAgencyId()};
        int n = jdbc.update("UPDATE d2a_home_care_package SET provider_agency = ?, package_id = ?,"
                + " recorded_message_id = ?, recorded_at = ? WHERE person_ref = ? AND council_agency = ?", values);
        if (n == 0) {
            jdbc.update("INSERT INTO d2a_home_care_package (provider_agency, package_id, recorded_message_id,"
                    + " recorded_at, person_ref, council_agency) VALUES (?, ?, ?, ?, ?, ?)", values);
        }
    }

    @Override
    public void end(String personRef, String council) {
        jdbc.update("DELETE FROM d2a_home_care_package WHERE person_ref = ? AND council_agency = ?", personRef, council);
    }

    @Override
    public boolean stayOver(String stayRef) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM d2a_stay_clock WHERE stay_ref = ? AND (discharged_on IS NOT NULL"
                + " OR cancelled = TRUE)", Integer.class, stayRef) > 0;
    }

    @Override
    public void suspended(String personRef, String council, String stayRef, Instant at) {
        jdbc.update("UPDATE d2a_home_care_package SET suspended_stay_ref = ?, suspended_at = ? WHERE person_ref = ?"
                + " AND council_agency = ?", stayRef, Timestamp.from(at), personRef, council);
    }
}
