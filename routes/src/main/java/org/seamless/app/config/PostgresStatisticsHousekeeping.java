package org.seamless.app.config;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the planner statistics of Seamless's own PostgreSQL tables current where the server's autovacuum does not
 * (ADR 0101): autovacuum switched off for the server, or for a table ({@code autovacuum_enabled=false}).
 *
 * <p>Why it matters: a statement Seamless runs many times per message is planned once per connection and the
 * plan is kept until the table's statistics change. A plan made while a table was empty has no statistics to
 * choose between indexes and may take the wrong one (the ledger's lookup by message id took the console's index
 * that leads with the entry kind), which then reads a quarter of the table for every lookup, for as long as the
 * connection lives: a notice's database work grows with the ledger. {@code ANALYZE} gives the planner the
 * table's real shape and makes PostgreSQL plan the kept statements again.
 *
 * <p>Each round reads {@code pg_stat_user_tables} for the current schema and, for each table autovacuum does not
 * look after, does what autovacuum's default thresholds would do: {@code VACUUM (ANALYZE)} when dead rows exceed
 * 50 + 20 % of the table, else {@code ANALYZE} when rows changed since the last analysis exceed 50 + 10 %.
 * Where autovacuum runs, a round finds nothing to do. Inert on other databases. Several instances on one schema
 * take turns through an advisory lock, so a table is not analysed twice at once.
 */
@Component
public class PostgresStatisticsHousekeeping {
    private static final Logger log = LoggerFactory.getLogger(PostgresStatisticsHousekeeping.class);
    static final String MAINTENANCE = "seamless.database.maintenance";
    /**
     * With the schema's hash, the advisory lock the instances of one schema take turns with (an arbitrary constant
     * of Seamless's): two deployments in two schemas of one database do not wait for each other.
     */
    static final int LOCK_KEY = 0x5EA4_0101;
    /** The tables autovacuum leaves alone: all of the schema's when it is off, else those switched off one by one. */
    private static final String TABLES = """
            SELECT quote_ident(s.schemaname) || '.' || quote_ident(s.relname) AS name,
                   GREATEST(c.reltuples, 0) AS tuples, s.n_mod_since_analyze, s.n_dead_tup
            FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
            WHERE s.schemaname = current_schema()
              AND (current_setting('autovacuum') <> 'on'
                   OR array_to_string(c.reloptions, ',') ~ 'autovacuum_enabled=(false|off|no|0)')
            ORDER BY s.relname""";

    private final DataSource dataSource;
    private final MeterRegistry registry;
    private volatile boolean applies = true;
    private volatile boolean warned;
    private final FailureSpell failures = new FailureSpell(log, "PostgreSQL statistics housekeeping");

    @Autowired
    public PostgresStatisticsHousekeeping(DataSource dataSource, ObjectProvider<MeterRegistry> registry) {
        this(dataSource, registry.getIfAvailable());
    }

    /** Outside Spring (tests, benchmarks); {@code registry} may be null. */
    public PostgresStatisticsHousekeeping(DataSource dataSource, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.registry = registry;
    }

    /** What a round did: the tables it analysed and those it vacuumed (and analysed). */
    public record Round(List<String> analysed, List<String> vacuumed) {
        static final Round NOTHING = new Round(List.of(), List.of());
    }

    // why no retry of its own: the next interval tries again; statistics a round late cost time, not data
    @Scheduled(initialDelayString = "${seamless.database.postgres-statistics-interval:PT15S}",
            fixedDelayString = "${seamless.database.postgres-statistics-interval:PT15S}")
    public void scheduled() {
        failures.attempt(this::run);
    }

    /** One round: analyses (or vacuums) each table of the schema autovacuum leaves alone and that has changed enough. */
    public Round run() throws SQLException {
        if (!applies) {
            return Round.NOTHING;
        }
        try (Connection c = dataSource.getConnection()) {
            if (!"PostgreSQL".equals(c.getMetaData().getDatabaseProductName())) {
                applies = false;
                log.info("PostgreSQL statistics housekeeping not needed here (the database is {})",
                        c.getMetaData().getDatabaseProductName());
                return Round.NOTHING;
            }
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(true); // why: VACUUM cannot run inside a transaction block
            try {
                return round(c);
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }

    private Round round(Connection c) throws SQLException {
        if (!lock(c, "pg_try_advisory_lock")) {
            return Round.NOTHING; // another instance is doing this round's work on the same schema
        }
        try {
            List<String> analyse = new ArrayList<>();
            List<String> vacuum = new ArrayList<>();
            int unattended = 0;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(TABLES)) {
                while (rs.next()) {
                    unattended++;
                    double tuples = rs.getDouble("tuples");
                    if (rs.getLong("n_dead_tup") > 50 + 0.2 * tuples) {
                        vacuum.add(rs.getString("name"));
                    } else if (rs.getLong("n_mod_since_analyze") > 50 + 0.1 * tuples) {
                        analyse.add(rs.getString("name"));
                    }
                }
            }
            if (unattended > 0 && !warned) {
                warned = true;
                log.warn("PostgreSQL's autovacuum does not look after {} of Seamless's tables (server setting"
                        + " autovacuum or the tables' autovacuum_enabled): Seamless analyses and vacuums them itself"
                        + " as they change (ADR 0101). Turning autovacuum on is better",
                        unattended);
            }
            try (Statement s = c.createStatement()) {
                for (String table : vacuum) {
                    s.execute("VACUUM (ANALYZE) " + table);
                    log.debug("vacuumed and analysed {}", table);
                }
                for (String table : analyse) {
                    s.execute("ANALYZE " + table);
                    log.debug("analysed {}", table);
                }
            }
            count("vacuum", vacuum.size());
            count("analyze", analyse.size());
            return new Round(List.copyOf(analyse), List.copyOf(vacuum));
        } finally {
            lock(c, "pg_advisory_unlock");
        }
    }

    private static boolean lock(Connection c, String function) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + function + "(?, hashtext(current_schema()))")) {
            ps.setInt(1, LOCK_KEY);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private void count(String action, int tables) {
        if (registry != null && tables > 0) {
            Counter.builder(MAINTENANCE).tag("action", action)
                    .description("tables Seamless analysed or vacuumed itself because PostgreSQL's autovacuum"
                            + " does not (ADR 0101)")
                    .register(registry).increment(tables);
        }
    }

    /** Whether the last round found a database it looks after. */
    public boolean applies() {
        return applies;
    }
}
