package org.seamless.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.seamless.app.broker.BrokerConnections;
import org.seamless.mappings.testdata.TestNhsNumbers;
import org.seamless.testsupport.TestEnvironment;
import org.seamless.testsupport.VerifyingWebhookReceiver;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Not a test: referrals per second through the voluntary-sector JSON API on the embedded defaults
 * ({@code POST /api/v1/vcs/referrals} with an idempotency key, checks, the broker, the hub's privacy
 * chain and ledger, pseudonymised release to another organisation, its signed webhook answered by a
 * local receiver, acknowledgement back to the ledger), and in the same run the raw persistent broker
 * baseline with messages of the referral's size ({@link BenchSupport#rawBroker}). Prints the rate
 * accepted at the API, the end-to-end rate (every webhook received), CPU-ms per referral (this JVM,
 * clients and receiver included) and the load average, then a {@code RESULT} line. Run:
 * <pre>
 * ./mvnw -o -q -pl routes -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
 * java -cp routes/target/test-classes:routes/target/classes:$(cat routes/target/bench.cp) \
 *     org.seamless.bench.ReferralThroughputBenchmark 1000 10000 8
 * </pre>
 * (referrals, baseline messages, client threads; docs/flows/voluntary-sector-referrals.md).
 */
public final class ReferralThroughputBenchmark {
    private static final String LISTENER = "bench-listener";
    private static final int WARM_UP = 100;

    private ReferralThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        // why: the local receiver is the JDK's HTTP server, which writes a response's headers and body apart and,
        // without TCP_NODELAY, holds the body until the client acknowledges the headers: about 40 ms (the
        // client's delayed ACK) per webhook, which the benchmark measured as Seamless's (ADR 0094). Read once,
        // when the server's configuration class loads, so it is set before any server starts.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int baselineN = args.length > 1 ? Integer.parseInt(args[1]) : 10000;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        String secret = TestEnvironment.randomSecret();
        try (VerifyingWebhookReceiver listener = new VerifyingWebhookReceiver(secret);
             TestEnvironment env = TestEnvironment.create()) {
            env.withAgencies(BenchSupport.BASELINE_AGENCY_YAML + """
                      - id: %s
                        kind: voluntary-org
                        api-key-sha256: ${key:%1$s}
                        adapter:
                          type: vcs-webhook
                          params:
                            webhook-url: %s
                            webhook-secret: %s
                    """.formatted(LISTENER, listener.url(), secret), LISTENER)
                    .withPseudonymisedReferralsTo(LISTENER);
            try (ConfigurableApplicationContext ctx = BenchSupport.start(env, "referral-bench", TestEnvironment.CHARITY,
                    LISTENER)) {
                int port = BenchSupport.port(ctx);
                System.out.printf("cores=%d heap-max=%dMiB referrals=%d baseline=%d clients=%d%n",
                        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, n,
                        baselineN, clients);
                Random random = new Random(17);
                run(env, port, listener, bodies(WARM_UP, random), clients, "warm-up", 0);
                List<String> bodies = bodies(n, random);
                BenchSupport.Baseline baseline = BenchSupport.rawBroker(ctx.getBean(BrokerConnections.class),
                        bodies.get(0), baselineN, clients);
                double[] r = run(env, port, listener, bodies, clients, "referrals", WARM_UP);
                System.out.printf("RESULT referrals-end-to-end=%.1f/s cpu-ms-per-referral=%.2f raw-broker-baseline=%.1f/s"
                                + " cpu-ms-per-message=%.3f ratio=%.3f cpu-ratio=%.1f referral-bytes=%d load=%s%n", r[0],
                        r[1], baseline.rate(), baseline.cpuMsPerMessage(), r[0] / baseline.rate(),
                        r[1] / baseline.cpuMsPerMessage(), bodies.get(0).length(), BenchSupport.loadAverage());
            }
        }
        System.exit(0);
    }

    private static List<String> bodies(int count, Random random) {
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add("""
                    {"to": "%s", "service": "home-from-hospital", "needs": ["shopping"], "priority": "routine",
                     "person": {"nhsNumber": "%s", "givenName": "Ann", "familyName": "Testperson",
                       "birthDate": "1940-02-03", "gender": "female",
                       "address": {"lines": ["1 Test Street"], "city": "Leeds", "postcode": "LS1 4AP"}}}"""
                    .formatted(LISTENER, TestNhsNumbers.randomDigits(random)));
        }
        return out;
    }

    /** Sends the referrals, waits for every webhook; returns {end-to-end rate, CPU-ms per referral}. */
    private static double[] run(TestEnvironment env, int port, VerifyingWebhookReceiver listener, List<String> bodies,
                                int clients, String label, int before) throws Exception {
        String load = BenchSupport.loadAverage();
        long cpu0 = BenchSupport.processCpuNanos();
        long start = System.nanoTime();
        HttpClient http = HttpClient.newHttpClient();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger next = new AtomicInteger();
        URI uri = URI.create("http://localhost:" + port + "/api/v1/vcs/referrals");
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < bodies.size(); i = next.getAndIncrement()) {
                        int status = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                                .header("Content-Type", "application/json")
                                .header("Idempotency-Key", label + "-" + i)
                                .header("X-API-Key", env.apiKey(TestEnvironment.CHARITY))
                                .POST(HttpRequest.BodyPublishers.ofString(bodies.get(i))).build(),
                                HttpResponse.BodyHandlers.discarding()).statusCode();
                        if (status != 202) {
                            throw new IllegalStateException("a referral was refused: HTTP " + status);
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
        double accepted = bodies.size() / ((System.nanoTime() - start) / 1e9);
        Awaitility.await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> listener.acted().size() >= before + bodies.size());
        double rate = bodies.size() / ((System.nanoTime() - start) / 1e9);
        double cpuMs = (BenchSupport.processCpuNanos() - cpu0) / 1e6 / bodies.size();
        System.out.printf("%s referrals=%d end-to-end=%.1f/s accepted-at-api=%.1f/s cpu-ms-per-referral=%.2f"
                        + " (2 idle cores: ~%.0f/s) load-before=%s load-after=%s%n", label, bodies.size(), rate, accepted,
                cpuMs, 2000 / cpuMs, load, BenchSupport.loadAverage());
        return new double[] {rate, cpuMs};
    }
}
