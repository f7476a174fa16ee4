package org.seamless.bench;

import jakarta.jms.Connection;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.seamless.SeamlessApplication;
import org.seamless.app.broker.BrokerUsers;
import org.seamless.mappings.testdata.TestNotices;
import org.seamless.ops.reliability.ItkCaseSystemServer;
import org.seamless.testsupport.TestEnvironment;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Not a test: a 30-minute outage of one council, simulated in a minute of wall time. Every duration
 * of the outage policy is scaled by {@code SCALE} (30: one simulated minute is two seconds): the retry
 * delay (15 s), the half-open wait (15 s), the failure window (60 s) and the "no delivery" alert (15
 * minutes). The SOAP council's ITK case system (a separate HTTP server, probed by its health URL)
 * answers 503 for the simulated 30 minutes while the trust sends a discharge notice every simulated
 * 30 seconds to it and to the CSV council; then it comes back. Reports, in simulated time: notices
 * delivered once, acted on twice, dead-lettered, waiting time per notice (sent to acted on), the CSV
 * council's delivery time over the same period (the baseline: an agency that was not down), and the
 * operator alerts raised.
 * <pre>
 * ./mvnw -q -B -pl routes -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=/tmp/seamless-cp.txt -Dmdep.includeScope=test
 * cd routes && java -Xmx768m -cp target/test-classes:target/classes:$(cat /tmp/seamless-cp.txt) \
 *     org.seamless.bench.PartnerOutageBenchmark 30      # simulated outage minutes
 * </pre>
 */
public final class PartnerOutageBenchmark {
    private static final int SCALE = 30;
    private static final Duration SEND_EVERY = Duration.ofSeconds(30);

    private PartnerOutageBenchmark() {
    }

    /** Simulated duration to wall milliseconds. */
    private static long wall(Duration simulated) {
        return simulated.toMillis() / SCALE;
    }

    /** Wall nanoseconds to simulated minutes. */
    private static double simMinutes(long wallNanos) {
        return wallNanos * (double) SCALE / 60e9;
    }

    public static void main(String[] args) throws Exception {
        Duration outage = Duration.ofMinutes(args.length > 0 ? Integer.parseInt(args[0]) : 30);
        HttpClient http = HttpClient.newHttpClient();
        try (ItkCaseSystemServer la = new ItkCaseSystemServer();
             TestEnvironment env = TestEnvironment.create()) {
            Map<String, Object> p = new HashMap<>(env.properties());
            BenchSupport.embeddedDatabase(p, env.dataDir().resolve("db/bench"));
            p.put("server.port", "0");
            p.put("logging.level.root", "WARN");
            p.put("logging.level.org.seamless.ops.reliability.SinkOutagePolicy", "ERROR"); // one WARN per attempt otherwise
            p.put("seamless.test.la-soap-endpoint", la.endpoint());
            p.put("seamless.test.la-soap-health-url", la.healthUrl());
            p.put("seamless.test.la-soap-timeout-ms", "2000");
            p.put("seamless.circuit.failure-threshold", "3");
            p.put("seamless.circuit.failure-window-ms", Long.toString(wall(Duration.ofSeconds(60))));
            p.put("seamless.circuit.half-open-after-ms", Long.toString(wall(Duration.ofSeconds(15))));
            p.put("seamless.delivery.retry-delay-ms", Long.toString(wall(Duration.ofSeconds(15))));
            p.put("seamless.delivery.alert-after-ms", Long.toString(wall(Duration.ofMinutes(15))));
            p.put("seamless.delivery.watch-interval-ms", Long.toString(wall(Duration.ofSeconds(5))));
            String[] cli = p.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
            try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(SeamlessApplication.class).run(cli)) {
                int port = ((WebServerApplicationContext) ctx).getWebServer().getPort();
                JdbcTemplate jdbc = ctx.getBean(JdbcTemplate.class);
                BrokerUsers users = ctx.getBean(BrokerUsers.class);
                // warm-up: one notice to each council before the clock starts
                send(http, port, env, TestNotices.dischargeInLs6(70_000));
                send(http, port, env, TestNotices.discharge(70_001));
                waitFor(() -> la.actionsPerMessage().size() == 1 && inOutbox(env).size() == 1, 120_000);

                Map<String, Long> sentSoap = new LinkedHashMap<>();
                Map<String, Long> sentCsv = new LinkedHashMap<>();
                int n = (int) (outage.toSeconds() / SEND_EVERY.toSeconds());
                la.mode(ItkCaseSystemServer.Mode.UNAVAILABLE);
                long outageStart = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    TestNotices.Notice soap = TestNotices.dischargeInLs6(71_000 + i);
                    TestNotices.Notice csv = TestNotices.discharge(72_000 + i);
                    sentSoap.put(soap.messageId(), System.nanoTime());
                    send(http, port, env, soap);
                    sentCsv.put(csv.messageId(), System.nanoTime());
                    send(http, port, env, csv);
                    long next = outageStart + (i + 1) * wall(SEND_EVERY) * 1_000_000L;
                    pauseUntil(next);
                }
                pauseUntil(outageStart + wall(outage) * 1_000_000L);
                long outageWall = System.nanoTime() - outageStart;
                int deadDuring = deadLettered(env, users);
                la.mode(ItkCaseSystemServer.Mode.UP);
                long back = System.nanoTime();
                waitFor(() -> la.actionsPerMessage().keySet().containsAll(sentSoap.keySet()), 120_000);
                long drained = System.nanoTime() - back;
                waitFor(() -> delivered(inOutbox(env), sentCsv.keySet()) == sentCsv.size(), 60_000);

                Map<String, Long> acted = la.firstActionNanos();
                List<Double> waits = new ArrayList<>();
                sentSoap.forEach((id, at) -> waits.add(simMinutes(acted.get(id) - at)));
                Collections.sort(waits);
                long twice = la.actionsPerMessage().values().stream().filter(c -> c > 1).count();
                List<Map<String, Object>> alerts = jdbc.queryForList("SELECT code, agency_id, raised_at FROM operator_alert"
                        + " WHERE code LIKE 'delivery-%' ORDER BY raised_at");
                System.out.printf("[outage benchmark] simulated outage %d min of council %s (HTTP 503, health URL probe),"
                                + " scale 1:%d: %.1f s of wall time for the outage, %.1f s to drain after it%n",
                        outage.toMinutes(), TestEnvironment.LA_SOAP, SCALE, outageWall / 1e9, drained / 1e9);
                System.out.printf("[outage benchmark] notices to the down council: %d sent, %d delivered once, %d acted on"
                                + " twice, %d dead-lettered (%d during the outage)%n", sentSoap.size(),
                        sentSoap.keySet().stream().filter(id -> la.actionsPerMessage().getOrDefault(id, 0) == 1).count(),
                        twice, deadLettered(env, users), deadDuring);
                System.out.printf("[outage benchmark] waiting time per notice (simulated minutes): min %.1f, median %.1f,"
                                + " p95 %.1f, max %.1f%n", waits.get(0), waits.get(waits.size() / 2),
                        waits.get((int) Math.floor(waits.size() * 0.95)), waits.get(waits.size() - 1));
                System.out.printf("[outage benchmark] each notice, in send order (simulated minutes): %s%n",
                        sentSoap.entrySet().stream().map(e -> String.format("%.1f", simMinutes(acted.get(e.getKey())
                                - e.getValue()))).toList());
                System.out.printf("[outage benchmark] baseline, the other council over the same period: %d sent, %d"
                        + " delivered (its queue is not held by the outage)%n", sentCsv.size(), delivered(inOutbox(env), sentCsv.keySet()));
                System.out.printf("[outage benchmark] operator alerts: %d%n", alerts.size());
                for (Map<String, Object> a : alerts) {
                    System.out.printf("[outage benchmark]   %s %s at +%s%n", a.get("code"), a.get("agency_id"), a.get("raised_at"));
                }
            }
        }
    }

    private static void send(HttpClient http, int port, TestEnvironment env, TestNotices.Notice n) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/fhir/$process-message"))
                .header("Content-Type", "application/fhir+json").header("X-API-Key", env.apiKey(TestEnvironment.TRUST))
                .timeout(Duration.ofSeconds(120)).POST(HttpRequest.BodyPublishers.ofString(n.json())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("notice not accepted: HTTP " + r.statusCode());
        }
    }

    /** Ready markers in the CSV council's outbox (their names hold the message id). */
    private static List<String> inOutbox(TestEnvironment env) {
        Path outbox = env.outbox(TestEnvironment.LA_CSV);
        if (!Files.isDirectory(outbox)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(outbox)) {
            return files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".csv.ok")).toList();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }

    private static long delivered(List<String> markers, java.util.Collection<String> ids) {
        return ids.stream().filter(id -> markers.stream().anyMatch(m -> m.contains(id))).count();
    }

    private static int deadLettered(TestEnvironment env, BrokerUsers users) throws Exception {
        var factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + env.brokerPort(), BrokerUsers.OPERATOR,
                users.password(BrokerUsers.OPERATOR));
        try (factory; Connection c = factory.createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            QueueBrowser browser = s.createBrowser(s.createQueue("agency." + TestEnvironment.LA_SOAP + ".dlq"));
            return Collections.list(browser.getEnumeration()).size();
        }
    }

    private static void pauseUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            Thread.sleep(left / 1_000_000, (int) (left % 1_000_000)); // the benchmark's send schedule, not a test wait
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier done, long timeoutMs) throws InterruptedException {
        long until = System.currentTimeMillis() + timeoutMs;
        while (!done.getAsBoolean()) {
            if (System.currentTimeMillis() > until) {
                throw new IllegalStateException("not done within " + timeoutMs + " ms");
            }
            Thread.sleep(50); // polling in a benchmark, not a test wait
        }
    }
}
