package org.seamless.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.flywaydb.core.Flyway;
import org.seamless.ops.console.messages.MessageSearch;
import org.seamless.ops.console.messages.SearchCriteria;
import org.seamless.ops.console.messages.SearchCursor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Not a test: the console's message search over N tracked messages (default 1,000,000), on PostgreSQL
 * (the local server, a schema of its own, dropped at the end; skipped when unreachable) and on the
 * embedded H2 file database. Applies the real migrations, bulk-inserts N receipts and about 2.9 N ledger
 * entries (decision, release, acknowledgement per message; some withheld, pending, refused or
 * dead-lettered) with INSERT ... SELECT over a generated series, 50,000 rows a statement, then times the searches the console makes through
 * {@link MessageSearch} itself (the page query and the leg states of its rows): sender + event + state +
 * time range, message id, page 2 by keyset, recipient + rare state. Prints one {@code RESULT} line per
 * query with p50/p99 and, for scale, the same figures for a primary-key lookup and a {@code count(*)}
 * of all receipts in the same run. Run (after {@code ./mvnw -q install -DskipTests}):
 * {@code ./mvnw -q -pl routes exec:java -Dexec.mainClass=org.seamless.bench.MessageSearchBenchmark
 * -Dexec.classpathScope=test -Dexec.args="1000000 50"} (messages, timed runs per query; a third argument {@code h2} or
 * {@code postgresql} runs only that database).
 */
public final class MessageSearchBenchmark {
    private static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/seamless_test";
    private static final String[] SOURCES = {"demo-trust", "north-trust", "south-trust", "demo-la-soap"};
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final int STEP_SECONDS = 30;

    private MessageSearchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        String only = args.length > 2 ? args[2] : "both";
        String pgUrl = System.getenv().getOrDefault("SEAMLESS_TEST_PG_URL", PG_URL);
        String schema = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        boolean pg = !only.equals("h2") && createSchema(pgUrl, schema);
        if (pg) {
            String url = pgUrl + (pgUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
            try {
                run("postgresql", url, "seamless", n, runs);
            } finally {
                try (Connection c = DriverManager.getConnection(pgUrl, "seamless", ""); Statement s = c.createStatement()) {
                    s.execute("DROP SCHEMA " + schema + " CASCADE");
                }
            }
        }
        if (only.equals("postgresql")) {
            System.exit(0);
        }
        Path dir = Files.createTempDirectory("message-search-bench");
        run("h2", "jdbc:h2:file:" + dir.resolve("bench").toAbsolutePath() + ";WRITE_DELAY=0", "sa", n, runs);
        System.exit(0);
    }

    private static boolean createSchema(String pgUrl, String schema) {
        try (Connection c = DriverManager.getConnection(pgUrl, "seamless", ""); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
            return true;
        } catch (SQLException e) {
            System.out.println("message-search-benchmark: PostgreSQL unreachable at " + pgUrl + " (" + e.getSQLState()
                    + "); H2 only");
            return false;
        }
    }

    private static void run(String kind, String url, String user, int n, int runs) throws Exception {
        SingleConnectionDataSource ds = new SingleConnectionDataSource(url, user, "", true);
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        long t0 = System.nanoTime();
        load(jdbc, kind.equals("postgresql"), n);
        long loadMs = (System.nanoTime() - t0) / 1_000_000;
        long ledger = jdbc.queryForObject("SELECT count(*) FROM ledger_entry", Long.class);
        System.out.printf("message-search-benchmark db=%s messages=%d ledger-entries=%d loaded-in=%d ms%n", kind, n,
                ledger, loadMs);
        MessageSearch search = new MessageSearch(jdbc);
        Instant end = START.plusSeconds((long) n * STEP_SECONDS);
        SearchCriteria filtered = new SearchCriteria(Optional.empty(), Optional.of("north-trust"),
                SearchCriteria.AgencyRole.SENDER, Optional.of("discharge-notice"), Optional.of(SearchCriteria.State.DELIVERED),
                Optional.of(end.minusSeconds(30L * 86400)), Optional.of(end));
        SearchCriteria byId = new SearchCriteria(Optional.of(messageId(n / 2)), Optional.empty(),
                SearchCriteria.AgencyRole.SENDER, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        SearchCriteria recipientRare = new SearchCriteria(Optional.empty(), Optional.of("la-3"),
                SearchCriteria.AgencyRole.RECIPIENT, Optional.empty(), Optional.of(SearchCriteria.State.REFUSED),
                Optional.of(end.minusSeconds(90L * 86400)), Optional.of(end));
        SearchCursor page2 = search.search(filtered, Optional.empty(), MessageSearch.PAGE_SIZE).next().orElseThrow();
        String pkSource = SOURCES[(n / 2) % SOURCES.length];
        List<Object[]> results = new ArrayList<>();
        results.add(time(kind, "sender+event+state+time page 1", runs,
                () -> search.search(filtered, Optional.empty(), MessageSearch.PAGE_SIZE).rows().size()));
        results.add(time(kind, "message id", runs, () -> search.search(byId, Optional.empty(), MessageSearch.PAGE_SIZE)
                .rows().size()));
        results.add(time(kind, "sender+event+state+time page 2 (keyset)", runs,
                () -> search.search(filtered, Optional.of(page2), MessageSearch.PAGE_SIZE).rows().size()));
        results.add(time(kind, "recipient+refused (1%)+90 days", runs,
                () -> search.search(recipientRare, Optional.empty(), MessageSearch.PAGE_SIZE).rows().size()));
        results.add(time(kind, "no filter, newest first", runs,
                () -> search.search(SearchCriteria.none(), Optional.empty(), MessageSearch.PAGE_SIZE).rows().size()));
        results.add(time(kind, "baseline: primary-key lookup", runs, () -> jdbc.queryForList(
                "SELECT event_code FROM inbound_receipt WHERE source_agency = ? AND message_id = ?", pkSource,
                messageId(n / 2)).size()));
        results.add(time(kind, "baseline: count(*) of all receipts", Math.max(5, runs / 5), () -> jdbc.queryForObject(
                "SELECT count(*) FROM inbound_receipt", Long.class).intValue()));
        System.out.printf("message-search-benchmark db=%s load-average=%.2f cores=%d%n", kind,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        ds.destroy();
    }

    private static Object[] time(String kind, String name, int runs, Supplier<Integer> query) {
        for (int i = 0; i < 5; i++) {
            query.get();
        }
        long[] ms = new long[runs];
        int rows = 0;
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            rows = query.get();
            ms[i] = System.nanoTime() - t;
        }
        java.util.Arrays.sort(ms);
        double p50 = ms[runs / 2] / 1e6;
        double p99 = ms[Math.min(runs - 1, (int) Math.ceil(runs * 0.99) - 1)] / 1e6;
        System.out.printf("RESULT db=%s query=\"%s\" rows=%d p50=%.1fms p99=%.1fms runs=%d%n", kind, name, rows, p50, p99,
                runs);
        return new Object[] {name, p50, p99};
    }

    static String messageId(int x) {
        return "msg-%010d".formatted(x);
    }

    /**
     * Message x: sender SOURCES[x % 4], event EVENTS[(x / 4) % 6], recipient la-(x % 5), received 30 s
     * after message x - 1; x % 100 decides its fate: 0-4 withheld, 5-7 released but not acknowledged,
     * 8 refused, 9 dead-lettered, the rest delivered.
     */
    private static final int CHUNK = 50_000;

    /** Runs the statement for x in [1, n] a chunk at a time (each chunk its own transaction) and prints the time. */
    private static void timed(JdbcTemplate jdbc, String what, boolean pg, int n, String sqlFor) {
        long t = System.nanoTime();
        for (int from = 1; from <= n; from += CHUNK) {
            int to = Math.min(n, from + CHUNK - 1);
            String series = pg ? "generate_series(" + from + ", " + to + ") AS g(x)"
                    : "SYSTEM_RANGE(" + from + ", " + to + ") AS g(x)";
            jdbc.execute(sqlFor.replace("<series>", series));
        }
        System.out.printf("message-search-benchmark loaded %s in %d ms%n", what, (System.nanoTime() - t) / 1_000_000);
    }

    private static void load(JdbcTemplate jdbc, boolean pg, int n) {
        String series = "<series>";
        String time = pg ? "TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00' + (x * " + STEP_SECONDS + ") * INTERVAL '1 second'"
                : "DATEADD(SECOND, x * " + STEP_SECONDS + ", TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00')";
        String id = "'msg-' || LPAD(CAST(x AS VARCHAR), 10, '0')";
        String source = "CASE MOD(x, 4) WHEN 0 THEN 'demo-trust' WHEN 1 THEN 'north-trust' WHEN 2 THEN 'south-trust'"
                + " ELSE 'demo-la-soap' END";
        String event = "CASE MOD(x / 4, 6) WHEN 0 THEN 'admission-notice' WHEN 1 THEN 'assessment-notice'"
                + " WHEN 2 THEN 'discharge-notice' WHEN 3 THEN 'withdrawal-notice' WHEN 4 THEN 'alert-start'"
                + " ELSE 'referral' END";
        String recipient = "'la-' || CAST(MOD(x, 5) AS VARCHAR)";
        timed(jdbc, "receipts", pg, n, "INSERT INTO inbound_receipt (source_agency, message_id, payload_digest, event_code, received_at)"
                + " SELECT " + source + ", " + id + ", 'digest', " + event + ", " + time + " FROM " + series);
        String cols = "INSERT INTO ledger_entry (seq, message_id, recipient_agency, replay_generation, event_code,"
                + " source_agency, subject_index, entry_kind, outcome, rule_id, purpose, legal_basis, occurred_at, recorded_at)";
        timed(jdbc, "decisions", pg, n, cols + " SELECT 3 * x, " + id + ", "
                + recipient + ", 0, " + event + ", " + source + ", 'subject-' || CAST(MOD(x, 50000) AS VARCHAR),"
                + " 'DECISION', CASE WHEN MOD(x, 100) < 5 THEN 'WITHHOLD' ELSE 'RELEASE_IDENTIFIABLE' END,"
                + " 'care-act-notices', 'direct-care', 'Care Act 2014 Sch. 3', " + time + ", " + time + " FROM " + series);
        timed(jdbc, "releases", pg, n, cols + " SELECT 3 * x + 1, " + id + ", " + recipient + ", 0, " + event + ", " + source
                + ", 'subject-' || CAST(MOD(x, 50000) AS VARCHAR), 'RELEASE', 'RELEASE_IDENTIFIABLE', 'care-act-notices',"
                + " 'direct-care', 'Care Act 2014 Sch. 3', " + time + ", " + time + " FROM " + series
                + " WHERE MOD(x, 100) >= 5");
        timed(jdbc, "acknowledgements", pg, n, cols + " SELECT 3 * x + 2, " + id + ", " + recipient + ", 0, " + event + ", " + source
                + ", 'subject-' || CAST(MOD(x, 50000) AS VARCHAR), 'ACKNOWLEDGEMENT', CASE MOD(x, 100) WHEN 8 THEN"
                + " 'REFUSED' WHEN 9 THEN 'DEADLINE_PASSED' ELSE 'DELIVERED' END, NULL, NULL, NULL, " + time + ", "
                + time + " FROM " + series + " WHERE MOD(x, 100) >= 8");
        jdbc.execute("ANALYZE"); // why: fresh statistics, as a live database's autovacuum would have
    }
}
