package org.seamless.bench;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.awaitility.Awaitility;
import org.seamless.adapters.nhshl7v2.NhsHl7v2AdapterType;
import org.seamless.app.broker.BrokerConnections;
import org.seamless.app.demo.hl7v2.PasAdtStream;
import org.seamless.mappings.testdata.TestNotices;
import org.seamless.testsupport.MllpTestClient;
import org.seamless.testsupport.TestEnvironment;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Not a test: HL7 v2 ADT messages per second through the nhs-hl7v2 adapter on the embedded defaults (one MLLP
 * connection, as a PAS sends: each message waits for its ACK, which waits for the notice to be durable), the
 * process CPU per message, and the end-to-end rate of the notices raised (to the la-csv council's files and
 * the ledger's acknowledgement); beside it, in the same run, the raw persistent broker baseline. Run:
 * {@code ./mvnw -o -q -pl routes test-compile exec:java -Dexec.mainClass=org.seamless.bench.AdtThroughputBenchmark
 * -Dexec.classpathScope=test -Dexec.args="2000 20000"} (ADT messages, baseline messages).
 */
public final class AdtThroughputBenchmark {
    private static final String TRUST = "bench-pas";
    private static final int WARM_UP = 200;

    private AdtThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int baselineN = args.length > 1 ? Integer.parseInt(args[1]) : 20000;
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (TestEnvironment env = TestEnvironment.create()) {
            Files.writeString(env.registryFile(), BenchSupport.BASELINE_AGENCY_YAML + """
                      - id: %s
                        kind: nhs-trust
                        ods-code: RBNCH
                        adapter:
                          type: nhs-hl7v2
                          params:
                            port: "%d"
                            bind-address: 127.0.0.1
                            notice-wards: "%s"
                        policy:
                          host-local-authority: %s
                    """.formatted(TRUST, port, PasAdtStream.NOTICE_WARDS, TestEnvironment.LA_CSV),
                    StandardOpenOption.APPEND);
            try (ConfigurableApplicationContext ctx = BenchSupport.start(env, "adt-bench", TRUST,
                    TestEnvironment.LA_CSV);
                 MllpTestClient pas = new MllpTestClient(port)) {
                JdbcTemplate jdbc = ctx.getBean(JdbcTemplate.class);
                LocalDateTime base = LocalDateTime.now(ZoneId.of("Europe/London"));
                System.out.printf("cores=%d heap-max=%dMiB adt=%d baseline=%d load=%s%n",
                        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, n, baselineN,
                        BenchSupport.loadAverage());
                run(pas, jdbc, new PasAdtStream("RBNCH", "WARM", base, 1).oneCouncil().generate(WARM_UP, 0), "warm-up");
                BenchSupport.Baseline baseline = BenchSupport.rawBroker(ctx.getBean(BrokerConnections.class),
                        TestNotices.discharge(7).json(), baselineN, 1);
                double[] adt = run(pas, jdbc, new PasAdtStream("RBNCH", "RUN", base, 2).oneCouncil().generate(n, 0), "adt");
                System.out.printf("RESULT adt-acknowledged=%.1f/s cpu-ms-per-adt=%.2f notices=%d"
                                + " notices-end-to-end=%.1f/s raw-broker-baseline=%.1f/s (1 producer)"
                                + " cpu-ms-per-broker-message=%.3f ratio=%.3f load=%s%n", adt[0], adt[1], (long) adt[3],
                        adt[2], baseline.rate(), baseline.cpuMsPerMessage(), adt[0] / baseline.rate(),
                        BenchSupport.loadAverage());
            }
        }
        System.exit(0);
    }

    /** ACKed messages/s, CPU-ms per message, notices/s end to end (ledger acknowledgement), notices. */
    private static double[] run(MllpTestClient pas, JdbcTemplate jdbc, List<PasAdtStream.Adt> stream, String phase) {
        List<String> ids = stream.stream().filter(m -> m.expect() == PasAdtStream.Expect.NOTICE)
                .map(m -> NhsHl7v2AdapterType.messageId(TRUST, m.controlId())).toList();
        int acks0 = acks(jdbc);
        String load = BenchSupport.loadAverage();
        long cpu0 = BenchSupport.processCpuNanos();
        long start = System.nanoTime();
        for (PasAdtStream.Adt m : stream) {
            String ack = pas.send(m.text());
            if (!"AA".equals(MllpTestClient.code(ack))) {
                throw new IllegalStateException("not accepted: " + m);
            }
        }
        double ackSeconds = (System.nanoTime() - start) / 1e9;
        Awaitility.await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> acks(jdbc) - acks0 >= ids.size());
        double endToEnd = (System.nanoTime() - start) / 1e9;
        double cpuMs = (BenchSupport.processCpuNanos() - cpu0) / 1e6 / stream.size();
        System.out.printf("%s messages=%d notices=%d acknowledged=%.1f/s cpu-ms-per-message=%.2f (end to end,"
                        + " all stages in this JVM) notices-end-to-end=%.1f/s load-before=%s load-after=%s%n", phase,
                stream.size(), ids.size(), stream.size() / ackSeconds, cpuMs, ids.size() / endToEnd, load,
                BenchSupport.loadAverage());
        return new double[] {stream.size() / ackSeconds, cpuMs, ids.size() / endToEnd, ids.size()};
    }

    private static int acks(JdbcTemplate jdbc) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM ledger_entry WHERE entry_kind = 'ACKNOWLEDGEMENT'",
                Integer.class);
    }
}
