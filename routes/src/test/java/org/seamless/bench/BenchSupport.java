package org.seamless.bench;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.seamless.SeamlessApplication;
import org.seamless.app.broker.BrokerConnections;
import org.seamless.app.broker.BrokerUsers;
import org.seamless.testsupport.TestDatabase;
import org.seamless.testsupport.TestEnvironment;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What the benchmarks share: the machine's load, this JVM's CPU time, the embedded application
 * started in-process on an H2 file database, and the raw persistent broker baseline (plain JMS
 * send / receive through the same embedded Artemis, on an address no route consumes).
 */
final class BenchSupport {
    /** An agency whose adapter never runs: its outbound address is a real, secured queue for the baseline. */
    static final String BASELINE_AGENCY = "bench-baseline";
    static final String BASELINE_AGENCY_YAML = """
              - id: %s
                kind: voluntary-org
                adapter:
                  type: vcs-webhook
                  params:
                    webhook-url: http://127.0.0.1:9/unused
                    webhook-secret: unused-bench-secret-0123456789abcdef
            """.formatted(BASELINE_AGENCY);

    private BenchSupport() {
    }

    /** The 1, 5 and 15 minute load averages, "a/b/c". */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + "/" + f[1] + "/" + f[2];
        } catch (Exception e) {
            return String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    /**
     * CPU time of the local PostgreSQL server's processes (every process named {@code postgres}, read from
     * {@code /proc}): with {@code --db=postgresql} the database's work runs there, not in this JVM, and a CPU figure
     * without it would flatter PostgreSQL. -1 when {@code /proc} cannot be read (not Linux).
     */
    static long postgresCpuNanos() {
        java.nio.file.Path proc = java.nio.file.Path.of("/proc");
        if (!java.nio.file.Files.isDirectory(proc)) {
            return -1;
        }
        long ticks = 0;
        try (var dirs = java.nio.file.Files.list(proc)) {
            for (java.nio.file.Path d : (Iterable<java.nio.file.Path>) dirs::iterator) {
                if (!d.getFileName().toString().chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = java.nio.file.Files.readString(d.resolve("stat"));
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    if (open < 0 || close < open || !stat.substring(open + 1, close).equals("postgres")) {
                        continue;
                    }
                    // why: fields after the command: state is field 3, utime 14, stime 15 (proc(5))
                    String[] f = stat.substring(close + 2).split(" ");
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                } catch (java.io.IOException | RuntimeException e) {
                    // a process that ended while being read
                }
            }
        } catch (java.io.IOException e) {
            return -1;
        }
        return ticks * 10_000_000L; // why: USER_HZ is 100 on Linux (getconf CLK_TCK)
    }

    /** Bytes of the regular files under {@code dir}; 0 when it is not there. */
    static long sizeOf(java.nio.file.Path dir) throws java.io.IOException {
        if (!java.nio.file.Files.isDirectory(dir)) {
            return 0;
        }
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(dir)) {
            return files.filter(java.nio.file.Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    /** CPU time of this JVM, all threads. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Points the application's properties {@code p} at an H2 file database at {@code file}, as the product's own. */
    static void embeddedDatabase(Map<String, Object> p, java.nio.file.Path file) {
        p.put("spring.datasource.url", "jdbc:h2:file:" + file.toAbsolutePath() + TestDatabase.EMBEDDED_OPTIONS);
        p.put("spring.datasource.username", "seamless");
        p.put("spring.datasource.password", "");
    }

    /**
     * Starts the application on {@code env} with an H2 file database (as the embedded topology: write
     * delay 0), a random port and quiet logs; {@code runAdapters}: the agencies whose adapters run.
     */
    static ConfigurableApplicationContext start(TestEnvironment env, String database, String... runAdapters) {
        Map<String, Object> p = new HashMap<>(env.properties());
        embeddedDatabase(p, env.dataDir().resolve("db/" + database));
        p.put("server.port", "0");
        p.put("seamless.demo.simulators", "false");
        p.put("seamless.run-adapters", String.join(",", runAdapters));
        p.put("logging.level.root", "WARN");
        String[] cli = p.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new SpringApplicationBuilder(SeamlessApplication.class).run(cli);
    }

    static int port(ConfigurableApplicationContext ctx) {
        return Integer.parseInt(ctx.getEnvironment().getProperty("local.server.port"));
    }

    /** The raw broker's rate and CPU cost per message. */
    record Baseline(int messages, double rate, double cpuMsPerMessage) {
    }

    /**
     * Persistent send / receive of {@code count} messages of {@code body} through the embedded broker:
     * {@code producers} hub-user producers, two consumers (the hub's default per queue) on the
     * {@link #BASELINE_AGENCY}'s outbound address. Prints a {@code raw-broker-baseline} line.
     */
    static Baseline rawBroker(BrokerConnections connections, String body, int count, int producers) throws Exception {
        String address = "agency." + BASELINE_AGENCY + ".outbound";
        String load = loadAverage();
        long cpu0 = processCpuNanos();
        LongAdder received = new LongAdder();
        int consumers = 2;
        CountDownLatch done = new CountDownLatch(consumers);
        List<Connection> open = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(producers + consumers);
        try {
            for (int c = 0; c < consumers; c++) {
                Connection conn = connections.connectionFactory("agency-" + BASELINE_AGENCY).createConnection();
                open.add(conn);
                conn.start();
                Session s = conn.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageConsumer consumer = s.createConsumer(s.createQueue(address));
                pool.submit(() -> {
                    while (received.sum() < count) {
                        if (consumer.receive(200) != null) {
                            received.increment();
                        }
                    }
                    done.countDown();
                    return null;
                });
            }
            AtomicInteger next = new AtomicInteger();
            long start = System.nanoTime();
            List<Future<?>> sends = new ArrayList<>();
            for (int t = 0; t < producers; t++) {
                Connection conn = connections.connectionFactory(BrokerUsers.HUB).createConnection();
                open.add(conn);
                Session s = conn.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageProducer producer = s.createProducer(s.createQueue(address));
                producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                sends.add(pool.submit(() -> {
                    while (next.getAndIncrement() < count) {
                        producer.send(s.createTextMessage(body));
                    }
                    return null;
                }));
            }
            for (Future<?> f : sends) {
                f.get();
            }
            if (!done.await(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("baseline messages not all received");
            }
            double rate = count / ((System.nanoTime() - start) / 1e9);
            double cpuMs = (processCpuNanos() - cpu0) / 1e6 / count;
            System.out.printf("raw-broker-baseline messages=%d bytes=%d rate=%.1f/s cpu-ms-per-message=%.3f"
                    + " (2 idle cores: ~%.0f/s) load-before=%s load-after=%s%n", count, body.length(), rate, cpuMs,
                    2000 / cpuMs, load, loadAverage());
            return new Baseline(count, rate, cpuMs);
        } finally {
            for (Connection c : open) {
                c.close();
            }
            pool.shutdownNow();
        }
    }
}
