package org.seamless.hub.d2aclock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.seamless.hub.alerts.OperatorAlerts;
import org.seamless.app.cluster.ClusterJobs;
import org.seamless.app.cluster.InstanceId;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The discharge ready date clock on the database store (V107 on H2): due exactly at start of the ready
 * date plus the configured time, only for stays still in with no care arranged and not cancelled, once
 * per stay; and run by the once-across-instances job scheduler with a short period.
 */
class OverdueClockTest {
    private JdbcTemplate jdbc;
    private JdbcStayClockStore store;
    private ClusterJobs jobs;

    @BeforeEach
    void database() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:d2a-clock-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(ds);
        store = new JdbcStayClockStore(jdbc);
    }

    @AfterEach
    void stop() throws Exception {
        if (jobs != null) {
            jobs.destroy();
        }
    }

    private static D2aClockProperties props(Duration pastReadyBy, Duration interval, String hub) {
        return new D2aClockProperties(pastReadyBy, interval, hub, "", Duration.ofHours(6));
    }

    private void stay(String ref, String ready, boolean discharged, boolean arranged, boolean cancelled) {
        store.save(new StayRecord(ref, "demo-trust", Optional.of("demo-la-csv"), "1",
                Optional.ofNullable(ready).map(LocalDate::parse), discharged ? Optional.of(LocalDate.parse(ready))
                : Optional.empty(), arranged, cancelled, "m-" + ref), Instant.parse("2026-03-01T00:00:00Z"));
    }

    private List<Map<String, Object>> alerts() {
        return jdbc.queryForList("SELECT agency_id, code, detail FROM operator_alert ORDER BY raised_at, id");
    }

    private int runAt(String instant, D2aClockProperties props) {
        Clock clock = Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
        return new OverdueClock(store, clock, props, OverdueClock.Alerts.operator(new OperatorAlerts(jdbc, clock))).run();
    }

    @Test
    void alertsOncePerStayPastItsReadyDateByTheConfiguredTimeWithNoCareArranged() {
        stay("due", "2026-03-10", false, false, false);
        stay("arranged", "2026-03-10", false, true, false);
        stay("gone", "2026-03-10", true, false, false);
        stay("cancelled", "2026-03-10", false, false, true);
        stay("no-date", null, false, false, false);
        stay("later", "2026-03-12", false, false, false);
        D2aClockProperties fourHours = props(Duration.ofHours(4), Duration.ofMinutes(15), "");

        // 2026-03-10 is GMT: start of day 00:00Z, due at 04:00Z
        assertThat(runAt("2026-03-10T03:59:59Z", fourHours)).isZero();
        assertThat(runAt("2026-03-10T04:00:00Z", fourHours)).isEqualTo(1);
        assertThat(runAt("2026-03-11T09:00:00Z", fourHours)).as("each stay alerted once").isZero();

        assertThat(alerts()).singleElement().satisfies(a -> {
            assertThat(a).containsEntry("agency_id", "demo-la-csv").containsEntry("code", OverdueClock.CODE);
            assertThat((String) a.get("detail")).contains("2026-03-10", "demo-trust", "pathway 1", "m-due")
                    .doesNotContain("9990000018");
        });
    }

    @Test
    void readyDateCountsFromTheStartOfTheDayInEnglandAndGoesToTheConfiguredHub() {
        stay("summer", "2026-07-01", false, false, false); // BST: the day starts at 2026-06-30T23:00Z
        D2aClockProperties oneHour = props(Duration.ofHours(1), Duration.ofMinutes(15), "demo-care-transfer-hub");
        assertThat(runAt("2026-06-30T23:59:59Z", oneHour)).isZero();
        assertThat(runAt("2026-07-01T00:00:00Z", oneHour)).isEqualTo(1);
        assertThat(alerts()).singleElement().satisfies(a -> assertThat(a).containsEntry("agency_id", "demo-care-transfer-hub"));
    }

    @Test
    void theScheduledJobRaisesTheAlertWithAShortConfiguredPeriod() {
        String today = LocalDate.now(ZoneId.of("Europe/London")).toString();
        stay("due-now", today, false, false, false);
        stay("arranged", today, false, true, false);
        Clock clock = Clock.systemUTC();
        D2aClockProperties fast = props(Duration.ofMillis(1), Duration.ofMillis(200), "");
        OverdueClock overdue = new OverdueClock(store, clock, fast, OverdueClock.Alerts.operator(new OperatorAlerts(jdbc, clock)));
        jobs = new ClusterJobs(jdbc, new InstanceId("test-hub"), clock);
        jobs.schedule(new ClusterJobs.Job(D2aClockConfiguration.CLOCK_JOB, fast.checkInterval(), null, overdue::run),
                Duration.ZERO);

        await().atMost(Duration.ofSeconds(20)).until(() -> alerts().size() == 1);
        // several more periods run, and the stay is not alerted again
        int runs = jdbc.queryForObject("SELECT COUNT(*) FROM job_run WHERE job_name = ?", Integer.class,
                D2aClockConfiguration.CLOCK_JOB);
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM job_run WHERE"
                + " job_name = ?", Integer.class, D2aClockConfiguration.CLOCK_JOB) >= runs + 3);
        assertThat(alerts()).hasSize(1);
    }
}
