package org.seamless.bench;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.awaitility.Awaitility;
import org.seamless.SeamlessApplication;
import org.seamless.app.broker.BrokerConnections;
import org.seamless.app.broker.BrokerUsers;
import org.seamless.mappings.testdata.TestNotices;
import org.seamless.testsupport.TestEnvironment;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Not a test: hospital notices per second end to end on the embedded defaults (FHIR
 * {@code $process-message} with UK Core validation, broker, hub, privacy chain with the ledger,
 * la-csv sink writing files, acknowledgement back to the ledger), and in the same run the raw
 * broker baseline: plain persistent JMS send / receive of notice-sized messages through the same
 * embedded Artemis (in-VM, same connection settings), on an address pair no route uses. Each phase prints
 * the CPU time of each thread group per notice, the JIT compilers' and garbage collector's included. With
 * {@code --profile}, a further phase after the measured ones runs under a thread sampler and its JFR execution
 * samples ({@code jdk.ExecutionSample}, every 10 ms) are summarised. The recording runs from the start of the
 * benchmark, before the application, and only the profiled phase's samples are counted: a recording started
 * in a warm JVM sets the JIT compiling again for minutes (three times the CPU per notice, ADR 0096), and
 * samples of code being compiled again describe that code, not the pipeline's (ADR 0102). With
 * {@code --profile} the measured phases run with the recording sampling too. Load average is
 * printed before and after each phase (the machine is shared). Run:
 * {@code ./mvnw -o -q -pl routes test-compile exec:java -Dexec.mainClass=org.seamless.bench.NoticeThroughputBenchmark
 * -Dexec.classpathScope=test -Dexec.args="2000 20000 8"} (notices, baseline messages, client threads);
 * {@code --db=postgresql} runs on the local PostgreSQL instead of the embedded H2 file database,
 * {@code --latency-rate=100 --latency-notices=1000} sets the steady-rate latency phase, {@code --warm-up=N} the
 * notices sent before anything is measured (default 8,000) and {@code --profile} adds the profiled phase and then
 * a statements phase: on H2 the statements a notice runs (H2's query statistics), on PostgreSQL each table's scans
 * and writes per notice and, where the server loads {@code pg_stat_statements}, the statements taking its time
 * (ADR 0101).
 */
public final class NoticeThroughputBenchmark {
    private static final String BENCH_AGENCY = BenchSupport.BASELINE_AGENCY;
    /** With {@code --profile}: JFR execution samples from the benchmark's start (ADR 0102). */
    private static Recording recording;
    /** Enough for the JIT to compile most of the pipeline (ADR 0096: its CPU per notice falls from 15 ms to 3). */
    private static final int DEFAULT_WARM_UP = 8000;
    /**
     * The application's meters: the phases wait on its count of deliveries, not on the database, whose
     * {@code COUNT(*)} every 200 ms was 3 % of the CPU samples of a profiled run.
     */
    private static io.micrometer.core.instrument.MeterRegistry meters;

    private NoticeThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<String> numbers = new ArrayList<>();
        String db = "h2";
        int latencyRate = 100;
        int latencyCount = 1000;
        int warmUp = DEFAULT_WARM_UP;
        boolean profile = false;
        for (String a : args) {
            if (a.startsWith("--db=")) {
                db = a.substring("--db=".length());
            } else if (a.startsWith("--latency-rate=")) {
                latencyRate = Integer.parseInt(a.substring("--latency-rate=".length()));
            } else if (a.startsWith("--warm-up=")) {
                // why: the JIT compiles for a minute or more; comparing two builds wants a longer warm-up
                warmUp = Integer.parseInt(a.substring("--warm-up=".length()));
            } else if (a.equals("--profile")) {
                profile = true;
            } else if (a.startsWith("--latency-notices=")) {
                latencyCount = Integer.parseInt(a.substring("--latency-notices=".length()));
            } else {
                numbers.add(a);
            }
        }
        if (!db.equals("h2") && !db.equals("postgresql")) {
            throw new IllegalArgumentException("--db must be h2 or postgresql");
        }
        if (profile) {
            // why from the start: the samples of the profiled phase must be of code the JIT compiled as it would
            // without a recording (ADR 0102)
            recording = new Recording();
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
            recording.start();
        }
        int n = numbers.size() > 0 ? Integer.parseInt(numbers.get(0)) : 2000;
        int baselineN = numbers.size() > 1 ? Integer.parseInt(numbers.get(1)) : 20000;
        int clients = numbers.size() > 2 ? Integer.parseInt(numbers.get(2)) : 8;
        try (TestEnvironment env = TestEnvironment.create()) {
            // an agency whose adapter does not run: its outbound address is a real, secured queue nobody consumes
            Files.writeString(env.registryFile(), """
                      - id: %s
                        kind: voluntary-org
                        adapter:
                          type: vcs-webhook
                          params:
                            webhook-url: http://127.0.0.1:9/unused
                            webhook-secret: unused-bench-secret-0123456789abcdef
                    """.formatted(BENCH_AGENCY), StandardOpenOption.APPEND);
            Map<String, Object> p = new HashMap<>(env.properties());
            if (db.equals("h2")) {
                BenchSupport.embeddedDatabase(p, env.dataDir().resolve("db/bench"));
            } else if (!env.database().kind().equals("postgresql")) {
                throw new IllegalStateException("--db=postgresql but PostgreSQL is unreachable (127.0.0.1:5432,"
                        + " database seamless_test, role seamless; or SEAMLESS_TEST_PG_URL)");
            }
            p.put("server.port", "0");
            p.put("seamless.demo.simulators", "false");
            p.put("seamless.run-adapters", String.join(",", TestEnvironment.TRUST, TestEnvironment.LA_CSV,
                    TestEnvironment.LA_SOAP, TestEnvironment.CHARITY));
            p.put("logging.level.root", "WARN");
            String[] cli = p.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
            try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(SeamlessApplication.class).run(cli)) {
                int port = Integer.parseInt(ctx.getEnvironment().getProperty("local.server.port"));
                JdbcTemplate jdbc = ctx.getBean(JdbcTemplate.class);
                meters = ctx.getBean(io.micrometer.core.instrument.MeterRegistry.class);
                // why the autovacuum setting: without it (or ADR 0101's housekeeping) PostgreSQL's figures measure
                // plans made on empty tables
                System.out.printf("cores=%d heap-max=%dMiB db=%s%s notices=%d baseline=%d clients=%d%n",
                        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, db,
                        db.equals("postgresql") ? " postgres-autovacuum=" + jdbc.queryForObject("SHOW autovacuum",
                                String.class) : "", n, baselineN, clients);

                runNotices(env, port, jdbc, 1_000_000, warmUp, clients, "warm-up", false);
                String body = TestNotices.discharge(7).json();
                Rate baseline = baseline(ctx.getBean(BrokerConnections.class), body, baselineN, clients);
                Rate notices = runNotices(env, port, jdbc, 2_000_000, n, clients, "notices", false);
                Latency latency = steadyLatency(env, port, jdbc, 3_000_000, latencyCount, latencyRate);
                if (profile) {
                    // why last: a recording started in a warm JVM sets the JIT compiling again (ADR 0096)
                    runNotices(env, port, jdbc, 4_000_000, n, clients, "profiled", true);
                    if (db.equals("h2")) {
                        statements(env, port, jdbc, n, clients);
                    } else {
                        postgresTables(env, port, jdbc, n, clients);
                    }
                }
                System.out.printf("RESULT db=%s notices-end-to-end=%.1f/s cpu-ms-per-notice=%.2f"
                        + " postgres-server-cpu-ms-per-notice=%.2f"
                        + " raw-broker-baseline=%.1f/s cpu-ms-per-message=%.3f ratio=%.3f"
                        + " latency-at-%d/s p50=%.0fms p99=%.0fms max=%.0fms notice-bytes=%d load=%s%n",
                        db, notices.perSecond(), notices.cpuMs(), notices.dbServerCpuMs(), baseline.perSecond(), baseline.cpuMs(),
                        notices.perSecond() / baseline.perSecond(), latencyRate, latency.p50(), latency.p99(),
                        latency.max(), body.length(), loadAverage());
                // why: journal files kept by the broker after the run; many of them means records pinned them and
                // Artemis compacts to free them (ADR 0103)
                Path journal = env.dataDir().resolve("broker/journal");
                try (var files = Files.list(journal)) {
                    System.out.printf("artemis-journal files=%d bytes=%d%n",
                            files.filter(f -> f.getFileName().toString().endsWith(".amq")).count(),
                            BenchSupport.sizeOf(journal));
                }
                if (db.equals("h2")) {
                    // why: the embedded file's state after the run (ADR 0095: chunks kept per commit)
                    System.out.println("h2-file " + String.join(" ", jdbc.queryForList("SELECT SETTING_NAME || '='"
                            + " || SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME IN ('info.FILE_SIZE',"
                            + " 'info.CHUNK_COUNT', 'info.CHUNKS_FILL_RATE', 'info.FILL_RATE', 'info.PAGE_COUNT_LIVE')",
                            String.class)));
                }
            }
        }
        System.exit(0);
    }

    /** Items per second (wall clock) and process CPU milliseconds per item. */
    record Rate(double perSecond, double cpuMs, double dbServerCpuMs) {
    }

    /** End-to-end latency percentiles in milliseconds. */
    record Latency(double p50, double p99, double max) {
    }

    /**
     * Notices sent at a steady {@code rate} per second (each at its scheduled instant, so a stalled
     * pipeline does not hide its own delay), and for each the time from its scheduled send to the
     * ledger's acknowledgement of its delivery, recorded in an HdrHistogram.
     */
    private static Latency steadyLatency(TestEnvironment env, int port, JdbcTemplate jdbc, long firstSeed, int count,
                                         int rate) throws Exception {
        List<String> bodies = new ArrayList<>(count);
        List<String> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            TestNotices.Notice notice = TestNotices.discharge(firstSeed + i);
            bodies.add(notice.json());
            ids.add(notice.messageId());
        }
        int acks0 = acks(jdbc);
        double answered0 = answered();
        String load = loadAverage();
        HttpClient http = HttpClient.newHttpClient();
        URI uri = URI.create("http://localhost:" + port + "/fhir/$process-message");
        Map<String, Long> scheduledMillis = new ConcurrentHashMap<>();
        java.util.concurrent.ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        long periodNanos = 1_000_000_000L / rate;
        long startNanos = System.nanoTime();
        long startMillis = System.currentTimeMillis();
        List<java.util.concurrent.CompletableFuture<HttpResponse<Void>>> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
        CountDownLatch allSent = new CountDownLatch(count);
        for (int i = 0; i < count; i++) {
            int k = i;
            timer.schedule(() -> {
                scheduledMillis.put(ids.get(k), startMillis + k * periodNanos / 1_000_000);
                sent.add(http.sendAsync(HttpRequest.newBuilder(uri)
                        .header("Content-Type", "application/fhir+json")
                        .header("X-API-Key", env.apiKey(TestEnvironment.TRUST))
                        .POST(HttpRequest.BodyPublishers.ofString(bodies.get(k))).build(),
                        HttpResponse.BodyHandlers.discarding()));
                allSent.countDown();
            }, startNanos + k * periodNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
        allSent.await(count / rate + 600, TimeUnit.SECONDS);
        timer.shutdown();
        for (var f : sent) {
            if (f.get().statusCode() != 200) {
                throw new IllegalStateException("a notice was refused: HTTP " + f.get().statusCode());
            }
        }
        Awaitility.await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> answered() - answered0 >= count);
        Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
                .until(() -> acks(jdbc) - acks0 >= count);
        org.HdrHistogram.Histogram histogram = new org.HdrHistogram.Histogram(3_600_000L, 3);
        jdbc.query("SELECT message_id, recorded_at FROM ledger_entry WHERE entry_kind = 'ACKNOWLEDGEMENT'", rs -> {
            Long scheduled = scheduledMillis.get(rs.getString(1));
            if (scheduled != null) {
                histogram.recordValue(Math.max(0, rs.getTimestamp(2).getTime() - scheduled));
            }
        });
        if (histogram.getTotalCount() != count) {
            throw new IllegalStateException("acknowledgements found for " + histogram.getTotalCount() + " of " + count);
        }
        Latency latency = new Latency(histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(99),
                histogram.getMaxValue());
        System.out.printf("latency notices=%d rate=%d/s p50=%.0fms p99=%.0fms max=%.0fms load-before=%s load-after=%s%n",
                count, rate, latency.p50(), latency.p99(), latency.max(), load, loadAverage());
        return latency;
    }

    /** Persistent send / receive of {@code count} messages of the notice's size through the embedded broker. */
    private static Rate baseline(BrokerConnections connections, String body, int count, int producers)
            throws Exception {
        BenchSupport.Baseline b = BenchSupport.rawBroker(connections, body, count, producers);
        return new Rate(b.rate(), b.cpuMsPerMessage(), -1);
    }

    private static Rate runNotices(TestEnvironment env, int port, JdbcTemplate jdbc, long firstSeed, int count,
                                     int clients, String label, boolean profile) throws Exception {
        List<String> bodies = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            bodies.add(TestNotices.discharge(firstSeed + i).json()); // generated before the clock starts
        }
        int delivered0 = delivered(jdbc);
        int acks0 = acks(jdbc);
        String load = loadAverage();
        ThreadSampler sampler = null;
        if (profile) {
            sampler = new ThreadSampler();
            sampler.start();
        }
        java.time.Instant from = java.time.Instant.now();
        ThreadCpu threadCpu = ThreadCpu.now();
        long cpu0 = processCpuNanos();
        long db0 = BenchSupport.postgresCpuNanos();
        double answered0 = answered();
        long start = System.nanoTime();
        send(env, port, bodies, clients);
        double accepted = count / ((System.nanoTime() - start) / 1e9);
        Awaitility.await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> answered() - answered0 >= count);
        double rate = count / ((System.nanoTime() - start) / 1e9);
        double cpuMs = (processCpuNanos() - cpu0) / 1e6 / count;
        double dbCpuMs = db0 < 0 ? -1 : (BenchSupport.postgresCpuNanos() - db0) / 1e6 / count;
        // why: the meter counts acknowledgements as the hub appends them; the tables must agree
        Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
                .until(() -> delivered(jdbc) - delivered0 >= count && acks(jdbc) - acks0 >= count);
        // why: on a shared machine the wall-clock rate says more about the neighbours than about Seamless;
        // CPU time per notice (this JVM, client threads included) gives what 2 idle cores could do
        System.out.printf("%s notices=%d end-to-end=%.1f/s accepted-at-edge=%.1f/s cpu-ms-per-notice=%.2f"
                + " (2 idle cores: ~%.0f/s) postgres-server-cpu-ms-per-notice=%.2f load-before=%s load-after=%s%n",
                label, count, rate, accepted, cpuMs, 2000 / cpuMs, dbCpuMs, load, loadAverage());
        threadCpu.print(label, count, cpuMs);
        threadCpu.printJvmThreads(label, count);
        if (profile) {
            java.time.Instant to = java.time.Instant.now();
            sampler.stop();
            Path file = Files.createTempFile("notice-bench-", ".jfr");
            recording.dump(file); // what it holds so far; it goes on recording
            summarise(file, from, to);
            sampler.print();
            System.out.println("jfr recording: " + file);
        }
        return new Rate(rate, cpuMs, dbCpuMs);
    }

    /**
     * The SQL statements a notice runs, counted by the embedded database (H2's QUERY_STATISTICS) over a
     * further run: executions per notice and the database's time in each, the commits among them.
     */
    private static void statements(TestEnvironment env, int port, JdbcTemplate jdbc, int count, int clients)
            throws Exception {
        jdbc.execute("SET QUERY_STATISTICS_MAX_ENTRIES 1000");
        jdbc.execute("SET QUERY_STATISTICS TRUE");
        long writes = fileWrites(jdbc);
        runNotices(env, port, jdbc, 5_000_000, count, clients, "statements", false);
        // why: every commit writes a chunk of the file, including the autocommitted statements the counts
        // below do not show as COMMIT; the benchmark's polls and the housekeeping add a few
        System.out.printf("h2-file-writes per-notice=%.2f%n", (fileWrites(jdbc) - writes) / (double) count);
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT SQL_STATEMENT, EXECUTION_COUNT,"
                + " CUMULATIVE_EXECUTION_TIME FROM INFORMATION_SCHEMA.QUERY_STATISTICS ORDER BY EXECUTION_COUNT DESC");
        jdbc.execute("SET QUERY_STATISTICS FALSE"); // why after the query: turning it off drops what it gathered
        double total = 0;
        double ms = 0;
        for (Map<String, Object> r : rows) {
            double perNotice = ((Number) r.get("EXECUTION_COUNT")).doubleValue() / count;
            double timeMs = ((Number) r.get("CUMULATIVE_EXECUTION_TIME")).doubleValue() / count;
            total += perNotice;
            ms += timeMs;
            if (perNotice >= 0.05) {
                System.out.printf("statement per-notice=%.2f ms-per-notice=%.3f %s%n", perNotice, timeMs,
                        oneLine(r.get("SQL_STATEMENT")));
            }
        }
        System.out.printf("statements per-notice=%.1f database-ms-per-notice=%.2f (benchmark's polls included)%n",
                total, ms);
    }

    /**
     * PostgreSQL's counterpart of {@link #statements}: over a further run, each table's sequential and index scans,
     * rows read by sequential scans and rows written, per notice, from the server's own statistics
     * ({@code pg_stat_user_tables} of the run's schema; the benchmark's own counts included). A table whose
     * sequential reads grow with its size shows here as rows read per notice far above one. With
     * {@code pg_stat_statements} loaded on the server, the statements taking most of its time follow.
     */
    private static void postgresTables(TestEnvironment env, int port, JdbcTemplate jdbc, int count, int clients)
            throws Exception {
        String tables = "SELECT relname, seq_scan, seq_tup_read, COALESCE(idx_scan, 0) AS idx_scan,"
                + " n_tup_ins + n_tup_upd + n_tup_del AS written, n_tup_hot_upd, n_dead_tup"
                + " FROM pg_stat_user_tables WHERE schemaname = current_schema()";
        // why qualified: the extension lives in the schema it was created in, not the run's own schema
        List<String> where = jdbc.queryForList("SELECT quote_ident(n.nspname) FROM pg_extension e JOIN pg_namespace n"
                + " ON n.oid = e.extnamespace WHERE e.extname = 'pg_stat_statements'", String.class);
        boolean statements = !where.isEmpty();
        jdbc.execute("SELECT pg_stat_clear_snapshot()");
        Map<String, Map<String, Object>> before = byTable(jdbc.queryForList(tables));
        if (statements) {
            try {
                jdbc.execute("SELECT " + where.get(0) + ".pg_stat_statements_reset()");
            } catch (org.springframework.dao.DataAccessException e) {
                // why: resetting needs a superuser or a grant; without it the table counts are still worth having
                System.out.println("statements: this role may not reset pg_stat_statements; table counts only");
                statements = false;
            }
        }
        runNotices(env, port, jdbc, 5_000_000, count, clients, "statements", false);
        // why: a PostgreSQL 15 backend publishes its counts when idle, at the latest 10 s after its last
        // transaction; a benchmark's wait, not a test wait
        Thread.sleep(11_000);
        jdbc.execute("SELECT pg_stat_clear_snapshot()");
        for (Map.Entry<String, Map<String, Object>> e : byTable(jdbc.queryForList(tables)).entrySet()) {
            Map<String, Object> b = before.getOrDefault(e.getKey(), Map.of());
            double seq = delta(e.getValue(), b, "seq_scan") / count;
            double seqRows = delta(e.getValue(), b, "seq_tup_read") / count;
            double idx = delta(e.getValue(), b, "idx_scan") / count;
            double written = delta(e.getValue(), b, "written") / count;
            if (seq + idx + written >= 0.05) {
                System.out.printf("table %s seq-scans=%.2f seq-rows-read=%.1f index-scans=%.2f rows-written=%.2f"
                        + " hot-updates=%.2f dead-rows-now=%s (per notice)%n", e.getKey(), seq, seqRows, idx, written,
                        delta(e.getValue(), b, "n_tup_hot_upd") / count, e.getValue().get("n_dead_tup"));
            }
        }
        if (!statements) {
            System.out.println("statements: no pg_stat_statements in this database (shared_preload_libraries, then"
                    + " CREATE EXTENSION pg_stat_statements)");
            return;
        }
        for (Map<String, Object> r : jdbc.queryForList("SELECT calls, total_exec_time, rows, query"
                + " FROM " + where.get(0) + ".pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())"
                + " ORDER BY total_exec_time DESC LIMIT 25")) {
            System.out.printf("statement per-notice=%.2f ms-per-notice=%.3f rows-per-call=%.1f %s%n",
                    ((Number) r.get("calls")).doubleValue() / count,
                    ((Number) r.get("total_exec_time")).doubleValue() / count,
                    ((Number) r.get("rows")).doubleValue() / Math.max(1, ((Number) r.get("calls")).doubleValue()),
                    oneLine(r.get("query")));
        }
    }

    /** A statement's text on one line, cut at 160 characters. */
    private static String oneLine(Object statement) {
        String sql = String.valueOf(statement).replaceAll("\\s+", " ");
        return sql.length() > 160 ? sql.substring(0, 160) + "..." : sql;
    }

    private static Map<String, Map<String, Object>> byTable(List<Map<String, Object>> rows) {
        Map<String, Map<String, Object>> m = new java.util.TreeMap<>();
        rows.forEach(r -> m.put(String.valueOf(r.get("relname")), r));
        return m;
    }

    private static double delta(Map<String, Object> after, Map<String, Object> before, String column) {
        Object b = before.get(column);
        return ((Number) after.get(column)).doubleValue() - (b == null ? 0 : ((Number) b).doubleValue());
    }

    /** The embedded database file's write operations so far (H2's {@code info.FILE_WRITE}). */
    private static long fileWrites(JdbcTemplate jdbc) {
        return Long.parseLong(jdbc.queryForObject("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                + " WHERE SETTING_NAME = 'info.FILE_WRITE'", String.class));
    }

    /** Deliveries the hub has had acknowledged, from the application's meter. */
    private static double answered() {
        return meters.find(org.seamless.ops.metrics.SeamlessMetrics.DELIVERIES).tag("outcome", "DELIVERED").counters()
                .stream().mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
    }

    private static int delivered(JdbcTemplate jdbc) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM delivery WHERE state = 'DELIVERED'", Integer.class);
    }

    private static int acks(JdbcTemplate jdbc) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM ledger_entry WHERE entry_kind = 'ACKNOWLEDGEMENT'", Integer.class);
    }

    private static void send(TestEnvironment env, int port, List<String> bodies, int clients) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger next = new AtomicInteger();
        URI uri = URI.create("http://localhost:" + port + "/fhir/$process-message");
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < bodies.size(); i = next.getAndIncrement()) {
                        int status = http.send(HttpRequest.newBuilder(uri)
                                .header("Content-Type", "application/fhir+json")
                                .header("X-API-Key", env.apiKey(TestEnvironment.TRUST))
                                .POST(HttpRequest.BodyPublishers.ofString(bodies.get(i))).build(),
                                HttpResponse.BodyHandlers.discarding()).statusCode();
                        if (status != 200) {
                            throw new IllegalStateException("a notice was refused: HTTP " + status);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : workers) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    /** Top frames and packages of the CPU samples taken from {@code from} to {@code to}, and samples per thread group. */
    private static void summarise(Path file, java.time.Instant from, java.time.Instant to) throws Exception {
        Map<String, Integer> methods = new HashMap<>();
        Map<String, Integer> packages = new HashMap<>();
        Map<String, Integer> threads = new HashMap<>();
        Map<String, Integer> seamless = new HashMap<>();
        Map<String, Integer> holding = new HashMap<>();
        int total = 0;
        try (RecordingFile events = new RecordingFile(file)) {
            while (events.hasMoreEvents()) {
                RecordedEvent e = events.readEvent();
                if (!"jdk.ExecutionSample".equals(e.getEventType().getName()) || e.getStackTrace() == null
                        || e.getStackTrace().getFrames().isEmpty() || e.getStartTime().isBefore(from)
                        || e.getStartTime().isAfter(to)) {
                    continue;
                }
                total++;
                List<RecordedFrame> frames = e.getStackTrace().getFrames();
                RecordedFrame top = frames.get(0);
                String type = top.getMethod().getType().getName();
                methods.merge(type + "." + top.getMethod().getName(), 1, Integer::sum);
                packages.merge(prefix(type), 1, Integer::sum);
                threads.merge(group(e.getThread("sampledThread") == null ? "?" : e.getThread("sampledThread").getJavaName()),
                        1, Integer::sum);
                frames.stream().map(f -> f.getMethod().getType().getName() + "." + f.getMethod().getName())
                        .filter(m -> m.startsWith("org.seamless.")).findFirst()
                        .ifPresent(m -> seamless.merge(m, 1, Integer::sum));
                STACK_HOLDS.forEach((label, method) -> {
                    if (frames.stream().anyMatch(f -> (f.getMethod().getType().getName() + "." + f.getMethod()
                            .getName()).startsWith(method))) {
                        holding.merge(label, 1, Integer::sum);
                    }
                });
            }
        }
        System.out.println("cpu samples: " + total);
        print("top frames (method)", methods, total, 15);
        print("top frames (package)", packages, total, 12);
        print("cpu by thread group", threads, total, 10);
        print("innermost Seamless frame on the stack", seamless, total, 12);
        print("stack holds (a sample may count under several)", holding, total, STACK_HOLDS.size());
    }

    /** Costs followed from run to run: a label, and the method (or package) whose presence on a stack counts it. */
    private static final Map<String, String> STACK_HOLDS = Map.of(
            "H2 commit (MVStore.commit)", "org.h2.mvstore.MVStore.commit",
            "H2 statement preparation", "org.h2.jdbc.JdbcPreparedStatement.<init>",
            "H2, all", "org.h2.",
            "HAPI JSON parse and encode", "ca.uhn.fhir.parser.JsonParser.",
            "HAPI, all", "ca.uhn.fhir.",
            "logback", "ch.qos.logback.",
            "Artemis", "org.apache.activemq.artemis.",
            "Artemis journal compaction", "org.apache.activemq.artemis.core.journal.impl.JournalImpl.compact",
            "JMS consumer created", "org.springframework.jms.listener.AbstractPollingMessageListenerContainer"
                    + ".createListenerConsumer");

    static String prefix(String type) {
        String[] parts = type.split("\\.");
        return String.join(".", java.util.Arrays.copyOf(parts, Math.min(3, parts.length - 1 > 0 ? parts.length - 1 : 1)));
    }

    static String group(String threadName) {
        return threadName == null ? "?" : threadName.replaceAll("[0-9]+", "#");
    }

    static void print(String title, Map<String, Integer> counts, int total, int limit) {
        System.out.println("  " + title + ":");
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(limit)
                .forEach(e -> System.out.printf("    %5.1f%%  %s%n", 100.0 * e.getValue() / Math.max(1, total), e.getKey()));
    }

    /**
     * CPU time per thread group, from the JVM's own per-thread accounting: exact where the execution samples are
     * not. The samples count a thread each time it is found running Java code, on a core or waiting for one, so
     * on two oversubscribed cores their shares are not shares of CPU (ADR 0096).
     */
    record ThreadCpu(Map<Long, Long> startNanos, Map<String, Long> startTicks) {
        private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
        private static final Path TASKS = Path.of("/proc/self/task");

        static ThreadCpu now() {
            Map<Long, Long> start = new HashMap<>();
            for (long id : MX.getAllThreadIds()) {
                long cpu = MX.getThreadCpuTime(id);
                if (cpu >= 0) {
                    start.put(id, cpu);
                }
            }
            return new ThreadCpu(start, taskTicks());
        }

        /**
         * Linux's CPU ticks (user and system, 100 a second) per task of this process, keyed by task id and name:
         * the JVM's own threads (garbage collector, JIT compilers) are tasks but not Java threads. Empty elsewhere.
         */
        static Map<String, Long> taskTicks() {
            Map<String, Long> ticks = new HashMap<>();
            if (!Files.isDirectory(TASKS)) {
                return ticks;
            }
            try (var tasks = Files.list(TASKS)) {
                for (Path task : (Iterable<Path>) tasks::iterator) {
                    try {
                        String stat = Files.readString(task.resolve("stat"));
                        int open = stat.indexOf('('), close = stat.lastIndexOf(')');
                        String[] f = stat.substring(close + 2).split(" ");
                        // fields 14 and 15 of stat (utime, stime) are the 12th and 13th after the name
                        ticks.put(task.getFileName() + " " + stat.substring(open + 1, close),
                                Long.parseLong(f[11]) + Long.parseLong(f[12]));
                    } catch (IOException | RuntimeException gone) {
                        // the task ended while it was read
                    }
                }
            } catch (IOException e) {
                return ticks;
            }
            return ticks;
        }

        void printJvmThreads(String label, int count) {
            Map<String, Long> groups = new HashMap<>();
            taskTicks().forEach((task, ticks) -> {
                String name = task.substring(task.indexOf(' ') + 1);
                if (name.startsWith("GC ") || name.startsWith("G1 ") || name.startsWith("C1 ") || name.startsWith("C2 ")
                        || name.startsWith("VM ")) {
                    groups.merge(name.startsWith("C") ? name : group(name), ticks - startTicks.getOrDefault(task, 0L), Long::sum);
                }
            });
            StringBuilder line = new StringBuilder(label + " jvm-thread-cpu-ms-per-notice");
            groups.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> line.append(String.format(" [%s]=%.2f", e.getKey(), e.getValue() * 10.0 / count)));
            System.out.println(line);
        }

        void print(String label, int count, double processCpuMs) {
            Map<String, Long> groups = new HashMap<>();
            long sum = 0;
            for (ThreadInfo t : MX.getThreadInfo(MX.getAllThreadIds())) {
                if (t == null) {
                    continue;
                }
                long cpu = MX.getThreadCpuTime(t.getThreadId());
                if (cpu < 0) {
                    continue;
                }
                long used = cpu - startNanos.getOrDefault(t.getThreadId(), 0L);
                groups.merge(group(t.getThreadName()).replaceAll("Camel \\(camel-#\\) thread #+ - ", ""), used, Long::sum);
                sum += used;
            }
            StringBuilder line = new StringBuilder(label + " thread-cpu-ms-per-notice");
            groups.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(12)
                    .forEach(e -> line.append(String.format(" [%s]=%.2f", e.getKey(), e.getValue() / 1e6 / count)));
            // why: the JVM's own threads (garbage collection, JIT compilers) and threads that ended are not listed
            line.append(String.format(" [not in a live Java thread]=%.2f", processCpuMs - sum / 1e6 / count));
            System.out.println(line);
        }
    }

    /** Every 100 ms: state and innermost Seamless/H2/Artemis frame of the pipeline's threads. */
    static final class ThreadSampler {
        private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        private final Map<String, Integer> where = new ConcurrentHashMap<>();
        private final AtomicInteger samples = new AtomicInteger();
        private volatile boolean running = true;
        private Thread thread;

        void start() {
            thread = new Thread(() -> {
                while (running) {
                    for (ThreadInfo t : mx.dumpAllThreads(false, false, 40)) {
                        String name = group(t.getThreadName());
                        if (!(name.startsWith("Camel") || name.startsWith("http-nio"))) {
                            continue;
                        }
                        String frame = java.util.Arrays.stream(t.getStackTrace()).map(f -> f.getClassName() + "."
                                + f.getMethodName()).filter(m -> m.startsWith("org.seamless.") || m.startsWith("org.h2.")
                                || m.startsWith("org.apache.activemq.") || m.startsWith("ca.uhn."))
                                .findFirst().orElse("(idle/other)");
                        where.merge(t.getThreadState() + " " + name.replaceAll(" thread #.*", "") + " @ " + frame, 1,
                                Integer::sum);
                        samples.incrementAndGet();
                    }
                    try {
                        Thread.sleep(100); // the sampler's own period; not a test wait
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "bench-thread-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }

        void print() {
            Map<String, Integer> copy = new LinkedHashMap<>(where);
            NoticeThroughputBenchmark.print("pipeline thread states (thread samples)", copy, samples.get(), 20);
        }
    }

    private static long processCpuNanos() {
        return BenchSupport.processCpuNanos();
    }

    private static String loadAverage() {
        return BenchSupport.loadAverage();
    }
}
