package org.seamless.hub.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.seamless.adapters.spi.AlertExtractState;
import org.seamless.mappings.alert.AlertType;
import org.seamless.mappings.alert.SocialCareAlert;
import org.seamless.mappings.canonical.NhsNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Alert state keeps LAs apart even when their alert ids coincide; full-extract marking by run. */
class JdbcAlertExtractStateTest {

    @Test
    void lookupMarkAndCountPerAgency() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:state-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        var state = new JdbcAlertExtractState(jdbc, new TransactionTemplate(new DataSourceTransactionManager(ds)),
                new OperatorAlerts(jdbc, Clock.systemUTC()), org.seamless.testsupport.TestAtRest.cipher());
        state.save("la-a", null, List.of(saved("la-a", "1", "d1", true), saved("la-a", "2", "d2", true),
                saved("la-a", "3", "d3", false)));
        state.save("la-b", null, List.of(saved("la-b", "1", "other", true)));

        var known = state.lookup("la-a", List.of("1", "2", "3", "4"));
        assertThat(known).containsOnlyKeys("1", "2", "3");
        assertThat(known.get("1").digest()).isEqualTo("d1");
        assertThat(state.lookup("la-b", List.of("1", "2"))).containsOnlyKeys("1")
                .hasEntrySatisfying("1", k -> assertThat(k.digest()).isEqualTo("other"));

        assertThat(state.countActive("la-a")).isEqualTo(2);
        state.markSeen("la-a", "run-1", List.of("1"));
        assertThat(state.countActiveNotSeen("la-a", "run-1")).isEqualTo(1);
        List<String> missing = new ArrayList<>();
        state.forEachActiveNotSeen("la-a", "run-1", a -> missing.add(a.alertId()));
        assertThat(missing).containsExactly("2");
        // la-b's alert 1 was not marked by la-a's run
        assertThat(state.countActiveNotSeen("la-b", "run-1")).isEqualTo(1);

        // an alert a full extract starts (not in the state before, so markSeen cannot mark it) is seen by that run
        state.markSeen("la-a", "run-1", List.of("5"));
        state.save("la-a", "run-1", List.of(saved("la-a", "5", "d5", true)));
        assertThat(state.countActiveNotSeen("la-a", "run-1")).isEqualTo(1);
        missing.clear();
        state.forEachActiveNotSeen("la-a", "run-1", a -> missing.add(a.alertId()));
        assertThat(missing).containsExactly("2");
        // ... while a delta's save leaves it unmarked for the next full extract
        state.save("la-a", null, List.of(saved("la-a", "6", "d6", true)));
        assertThat(state.countActiveNotSeen("la-a", "run-1")).isEqualTo(2);
    }

    @Test
    void newAlertsAreInsertedAndKnownOnesUpdatedInPlaceAndAKnownRowGoneIsWrittenAgain() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:state-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        var state = new JdbcAlertExtractState(jdbc, new TransactionTemplate(new DataSourceTransactionManager(ds)),
                new OperatorAlerts(jdbc, Clock.systemUTC()), org.seamless.testsupport.TestAtRest.cipher());
        AlertExtractState.Saved first = saved("la-a", "1", "d1", true);
        state.save("la-a", "run-1", List.of(new AlertExtractState.Saved(first.alert(), "d1", true, false)));
        // the same alert twice in one chunk: inserted as new, then updated as known by then
        AlertExtractState.Saved two = saved("la-a", "2", "d2", true);
        state.save("la-a", null, List.of(new AlertExtractState.Saved(two.alert(), "d2", true, false),
                new AlertExtractState.Saved(two.alert(), "d2b", false, true),
                new AlertExtractState.Saved(first.alert(), "d1b", false, true),
                // known to the import, but gone from the table since: written again, not lost
                new AlertExtractState.Saved(saved("la-a", "3", "d3", true).alert(), "d3", true, true)));

        var known = state.lookup("la-a", List.of("1", "2", "3"));
        assertThat(known).containsOnlyKeys("1", "2", "3");
        assertThat(known.get("1")).isEqualTo(new AlertExtractState.Known("d1b", false));
        assertThat(known.get("2")).isEqualTo(new AlertExtractState.Known("d2b", false));
        assertThat(known.get("3")).isEqualTo(new AlertExtractState.Known("d3", true));
        // the update in place also replaced the run mark (a delta's save leaves none)
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM la_alert_state WHERE seen_run IS NOT NULL", Long.class))
                .isZero();
    }

    private static AlertExtractState.Saved saved(String la, String id, String digest, boolean active) {
        return new AlertExtractState.Saved(new SocialCareAlert(la, "X", "LA", id, NhsNumber.parse("9990000018"),
                AlertType.CARER, LocalDate.of(2026, 1, 1), null, null, false, null, null), digest, active);
    }
}
