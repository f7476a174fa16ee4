package org.seamless.hub.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** The flag expiry check with a fixed clock: lead time, once per date, re-armed by an update, ended flags ignored. */
class FlagExpiryTest {
    private JdbcTemplate jdbc;

    @BeforeEach
    void database() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:expiry-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(ds);
    }

    private FlagExpiry expiry(String instant, int leadDays) {
        Clock clock = Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
        return new FlagExpiry(jdbc, new OperatorAlerts(jdbc, clock), clock,
                new AlertsProperties(ZoneId.of("Europe/London"), leadDays, Duration.ofHours(1), 100));
    }

    private void flag(String id, String owner, boolean active, String review, String end) {
        jdbc.update("DELETE FROM alert_flag WHERE flag_identifier = ?", id);
        jdbc.update("INSERT INTO alert_flag (flag_identifier, owner_agency, nhs_number, alert_type, active, end_date,"
                        + " review_date, message_id, message, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                id, owner, "9990000018", "child-protection-plan", active, end, review, "m-" + id, "{}",
                Timestamp.from(Instant.parse("2026-01-01T00:00:00Z")));
    }

    private List<Map<String, Object>> alerts() {
        return jdbc.queryForList("SELECT agency_id, code, detail FROM operator_alert ORDER BY raised_at, id");
    }

    @Test
    void reviewDateWithinTheLeadTimeRaisesOneAlertPerLaOncePerDate() {
        flag("la-1/A", "la-1", true, "2026-11-25", null);   // due in 4 days: within a 7-day lead
        flag("la-1/B", "la-1", true, "2026-12-15", null);   // due in 24 days: not yet
        flag("la-1/C", "la-1", true, null, "2026-11-20");   // end date passed yesterday, no end from the LA
        flag("la-1/D", "la-1", false, "2026-11-01", null);  // already ended: nothing
        flag("la-2/E", "la-2", true, "2026-11-21", null);   // due today, another LA

        assertThat(expiry("2026-11-21T09:00:00Z", 7).run()).isEqualTo(3);

        assertThat(alerts()).hasSize(2);
        Map<String, Object> la1 = alerts().stream().filter(a -> "la-1".equals(a.get("agency_id"))).findFirst().orElseThrow();
        assertThat(la1.get("code")).isEqualTo("alert-flag-date-due");
        assertThat((String) la1.get("detail")).contains("2 active flag(s)", "la-1/A", "review 2026-11-25",
                "la-1/C", "end 2026-11-20 (passed)").doesNotContain("la-1/B", "la-1/D", "9990000018");

        // the next run the same day, and the next day: nothing new for the same dates
        assertThat(expiry("2026-11-21T10:00:00Z", 7).run()).isZero();
        assertThat(expiry("2026-11-22T09:00:00Z", 7).run()).isZero();
        assertThat(alerts()).hasSize(2);

        // B comes into the lead time later
        assertThat(expiry("2026-12-08T09:00:00Z", 7).run()).isEqualTo(1);
        assertThat(alerts()).hasSize(3);
        assertThat((String) alerts().get(2).get("detail")).contains("la-1/B").doesNotContain("la-1/A");
    }

    @Test
    void leadTimeZeroAlertsOnTheDayAndAnUpdateFromTheLaReArms() {
        flag("la-1/A", "la-1", true, "2026-11-22", null);
        assertThat(expiry("2026-11-21T09:00:00Z", 0).run()).isZero();
        assertThat(expiry("2026-11-22T09:00:00Z", 0).run()).isEqualTo(1);
        assertThat(expiry("2026-11-23T09:00:00Z", 0).run()).isZero();

        // the LA updates the flag (HubAlertStore replaces the row) but leaves the review date in the past
        flag("la-1/A", "la-1", true, "2026-11-22", null);
        assertThat(expiry("2026-11-23T09:00:00Z", 0).run()).isEqualTo(1);
        // ... then moves the review date on: nothing until the new date
        flag("la-1/A", "la-1", true, "2027-02-22", null);
        assertThat(expiry("2026-11-24T09:00:00Z", 0).run()).isZero();
        assertThat(alerts()).hasSize(2);
    }

    @Test
    void theLaTimeZoneDecidesTheDay() {
        flag("la-1/A", "la-1", true, "2026-07-01", null);
        // 23:30 UTC on 30 June is 00:30 on 1 July in London (BST)
        assertThat(expiry("2026-06-30T23:30:00Z", 0).run()).isEqualTo(1);
    }
}
