package org.seamless.hub.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Two limiters over one database, as two hub instances: they draw from the agency's one bucket. */
class JdbcFlagPullBucketsTest {
    private final FlagPullWatchTest.MovableClock clock = new FlagPullWatchTest.MovableClock();

    @Test
    void twoInstancesShareTheAgencysBucket() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:buckets-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
        FlagPullProperties props = new FlagPullProperties(6, 40, Map.of(), Duration.ofHours(1), 10, 10);
        FlagPullLimiter hubA = new FlagPullLimiter(props, clock, new JdbcFlagPullBuckets(jdbc, tx));
        FlagPullLimiter hubB = new FlagPullLimiter(props, clock, new JdbcFlagPullBuckets(jdbc, tx));

        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Optional<Duration>>> pulls = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            FlagPullLimiter hub = i % 2 == 0 ? hubA : hubB;
            pulls.add(pool.submit(() -> hub.acquire("trust")));
        }
        int allowed = 0;
        for (Future<Optional<Duration>> f : pulls) {
            allowed += f.get().isEmpty() ? 1 : 0;
        }
        pool.shutdown();
        assertThat(allowed).as("the burst of 40 across both instances, not 40 each").isEqualTo(40);
        assertThat(hubB.acquire("trust")).contains(Duration.ofSeconds(10));
        clock.advance(Duration.ofSeconds(10));
        assertThat(hubA.acquire("trust")).isEmpty();
        assertThat(hubB.acquire("trust")).isPresent();
        assertThat(hubA.acquire("other-trust")).as("limits are per agency").isEmpty();
    }
}
