package org.seamless.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.seamless.SeamlessApplication;
import org.seamless.mappings.testdata.TestNotices;
import org.seamless.testsupport.TestEnvironment;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Not a test: N discharge notices end to end (HTTP in, privacy chain, broker, sink, delivery) on the
 * embedded defaults (embedded Artemis, H2 file database), with the ledger off and then on, in one
 * run, alternating (off, on, off, on, ...) so drift in the machine's load hits both alike. Prints
 * notices per second for each round and the ratio of the medians. Run (after
 * {@code ./mvnw -q install -DskipTests}):
 * {@code ./mvnw -q -pl routes exec:java -Dexec.mainClass=org.seamless.bench.LedgerBenchmark
 * -Dexec.classpathScope=test -Dexec.args="500 2"} (notices per round, rounds per setting).
 */
public final class LedgerBenchmark {
    private static final int WARM_UP = 30;
    private static final java.util.concurrent.atomic.AtomicInteger ROUND = new java.util.concurrent.atomic.AtomicInteger();

    private LedgerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        java.util.List<Double> offs = new java.util.ArrayList<>();
        java.util.List<Double> ons = new java.util.ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            offs.add(run(false, n));
            ons.add(run(true, n));
            System.out.printf("ledger-benchmark round=%d ledger-off=%.1f/s ledger-on=%.1f/s%n", r + 1,
                    offs.get(r), ons.get(r));
        }
        double off = median(offs);
        double on = median(ons);
        System.out.printf("ledger-benchmark notices=%d rounds=%d median ledger-off=%.1f/s ledger-on=%.1f/s ratio=%.2f"
                + " load=%.2f%n", n, rounds, off, on, on / off,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.exit(0);
    }

    private static double median(java.util.List<Double> xs) {
        java.util.List<Double> s = xs.stream().sorted().toList();
        return s.size() % 2 == 1 ? s.get(s.size() / 2) : (s.get(s.size() / 2 - 1) + s.get(s.size() / 2)) / 2;
    }

    private static double run(boolean ledger, int n) throws Exception {
        try (TestEnvironment env = TestEnvironment.create()) {
            Map<String, Object> p = new HashMap<>(env.properties());
            BenchSupport.embeddedDatabase(p, env.dataDir().resolve("db/bench"));
            p.put("server.port", "0");
            p.put("seamless.ledger.enabled", Boolean.toString(ledger));
            p.put("logging.level.root", "WARN");
            // why: command-line arguments outrank application.yml (builder properties would not)
            String[] cli = p.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
            try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(SeamlessApplication.class).run(cli)) {
                int port = Integer.parseInt(ctx.getEnvironment().getProperty("local.server.port"));
                JdbcTemplate jdbc = ctx.getBean(JdbcTemplate.class);
                long seedBase = (ledger ? 2_000_000 : 1_000_000) + ROUND.getAndIncrement() * 10_000L;
                send(env, port, seedBase, WARM_UP);
                awaitDelivered(jdbc, WARM_UP, ledger);
                long start = System.nanoTime();
                send(env, port, seedBase + WARM_UP, n);
                awaitDelivered(jdbc, WARM_UP + n, ledger);
                double seconds = (System.nanoTime() - start) / 1e9;
                return n / seconds;
            }
        }
    }

    private static void send(TestEnvironment env, int port, long firstSeed, int count) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            java.util.List<Future<Integer>> sent = new java.util.ArrayList<>();
            for (int i = 0; i < count; i++) {
                long seed = firstSeed + i;
                sent.add(pool.submit(() -> http.send(HttpRequest.newBuilder(
                                URI.create("http://localhost:" + port + "/fhir/$process-message"))
                        .header("Content-Type", "application/fhir+json")
                        .header("X-API-Key", env.apiKey(TestEnvironment.TRUST))
                        .POST(HttpRequest.BodyPublishers.ofString(TestNotices.discharge(seed).json())).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode()));
            }
            for (Future<Integer> f : sent) {
                if (f.get() != 200) {
                    throw new IllegalStateException("a notice was refused: HTTP " + f.get());
                }
            }
        } finally {
            pool.shutdown();
        }
    }

    private static void awaitDelivered(JdbcTemplate jdbc, int count, boolean ledger) {
        Awaitility.await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(100)).until(() ->
                jdbc.queryForObject("SELECT COUNT(*) FROM delivery WHERE state = 'DELIVERED'", Integer.class) >= count
                && (!ledger || jdbc.queryForObject("SELECT COUNT(*) FROM ledger_entry WHERE entry_kind ="
                + " 'ACKNOWLEDGEMENT'", Integer.class) >= count));
    }
}
