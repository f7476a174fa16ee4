package org.seamless.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.seamless.mappings.testdata.TestNotices;
import org.seamless.testsupport.ChildSeamless;
import org.seamless.testsupport.TestEnvironment;

/**
 * The crash harness. Seamless runs as a child JVM on its embedded defaults; notices for two local
 * authorities (one taking CSV files, one an ITK SOAP case system running in this test JVM, outside
 * the process that is killed) are driven through the FHIR edge while the child is killed with
 * SIGKILL {@code kills} times at spread-out points and restarted on the same data. Each agency
 * address pages to disk beyond {@value #PAGING_LIMIT_BYTES} bytes, so kills land while messages page. Senders resend
 * what was not acknowledged, and some that were. At the agency ends: every notice arrived, no
 * system acted on one twice (CSV rows per message id; SOAP actions per ITK tracking id), and the
 * ledger has exactly one release and one acknowledgement for each.
 *
 * <p>In the suite: {@value #DEFAULT_MESSAGES} notices and {@value #DEFAULT_KILLS} kills. The
 * acceptance run (issue 8) is 10,000 notices:
 * {@code ./mvnw -B verify -pl routes -am -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=CrashRecoveryIT -Dseamless.crash.messages=10000 -Dseamless.crash.kills=3}
 * (docs/operations.md has the figures).
 */
class CrashRecoveryIT {
    private static final int DEFAULT_MESSAGES = 240;
    private static final int DEFAULT_KILLS = 3;
    private static final long PAGING_LIMIT_BYTES = 64 * 1024;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void sigkillsMidFlightLoseNothingAndDuplicateNothing() throws Exception {
        int messages = Integer.getInteger("seamless.crash.messages", DEFAULT_MESSAGES);
        int kills = Integer.getInteger("seamless.crash.kills", DEFAULT_KILLS);
        // every third notice is for a patient living in the SOAP authority's area
        List<TestNotices.Notice> notices = IntStream.range(0, messages)
                .mapToObj(i -> i % 3 == 0 ? TestNotices.dischargeInLs6(50_000 + i) : TestNotices.discharge(50_000 + i)).toList();
        Set<String> soapIds = IntStream.range(0, messages).filter(i -> i % 3 == 0)
                .mapToObj(i -> notices.get(i).messageId()).collect(Collectors.toSet());
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        List<String> killPoints = new ArrayList<>();
        long started = System.nanoTime();
        try (ItkCaseSystemServer soapLa = new ItkCaseSystemServer();
             TestEnvironment env = TestEnvironment.create()
                     .withProperty("seamless.test.la-soap-endpoint", soapLa.endpoint())
                     // why: a small per-address limit so the inbound addresses page to disk while the
                     // child is killed; a paged message that was acknowledged to its sender must survive
                     .withProperty("seamless.broker.address-max-size-bytes",
                             Long.toString(Long.getLong("seamless.crash.address-max-size-bytes", PAGING_LIMIT_BYTES)));
             ChildSeamless child = new ChildSeamless(env, Path.of("target", "seamless.jar"))) {
            Path outbox = env.outbox(TestEnvironment.LA_CSV);
            for (int phase = 0; phase <= kills; phase++) {
                child.start();
                int port = child.port();
                if (phase > 0) {
                    // a sender that timed out resends; some of these were in fact accepted before the kill
                    notices.stream().filter(n -> n.details().encounterId().hashCode() % 7 == 0).limit(50)
                            .forEach(n -> post(port, env, n, accepted));
                }
                ExecutorService senders = Executors.newFixedThreadPool(3);
                notices.stream().filter(n -> !accepted.contains(n.messageId()))
                        .forEach(n -> senders.submit(() -> post(port, env, n, accepted)));
                if (phase < kills) {
                    int killAt = (int) ((long) messages * (phase + 1) / (kills + 1));
                    await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(20))
                            .until(() -> accepted.size() >= killAt);
                    child.kill();
                    killPoints.add(accepted.size() + " acknowledged, " + deliveredIds(outbox).size() + " CSV rows, "
                            + soapLa.actionsPerMessage().size() + " SOAP actions");
                }
                senders.shutdownNow();
                assertThat(senders.awaitTermination(120, TimeUnit.SECONDS)).isTrue();
            }
            int port = child.port();
            await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
                notices.stream().filter(n -> !accepted.contains(n.messageId())).forEach(n -> post(port, env, n, accepted));
                return accepted.size() == messages;
            });
            await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(500)).until(() ->
                    deliveredIds(outbox).size() + soapLa.actionsPerMessage().size() >= messages);

            Map<String, Integer> csv = deliveredIds(outbox);
            Map<String, Integer> soap = soapLa.actionsPerMessage();
            Set<String> csvIds = notices.stream().map(TestNotices.Notice::messageId).filter(id -> !soapIds.contains(id))
                    .collect(Collectors.toSet());
            assertThat(csv.keySet()).as("CSV rows: every notice for the CSV authority, nothing else")
                    .containsExactlyInAnyOrderElementsOf(csvIds);
            assertThat(csv.values()).as("rows per message id across all outbox files").containsOnly(1);
            assertThat(soap.keySet()).as("SOAP case system: every notice for the SOAP authority, nothing else")
                    .containsExactlyInAnyOrderElementsOf(soapIds);
            assertThat(soap.values()).as("times the SOAP case system acted on each message").containsOnly(1);

            // why: an acknowledgement reaches the ledger just after the agency acted; wait until every
            // notice has one, then check that there is exactly one of each kind
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    ledgerEntries(env).values().stream().filter(k -> k.containsKey("ACKNOWLEDGEMENT")).count()
                            >= messages);
            Map<String, Map<String, Integer>> ledger = ledgerEntries(env);
            assertThat(ledger.keySet()).containsExactlyInAnyOrderElementsOf(
                    notices.stream().map(TestNotices.Notice::messageId).toList());
            assertThat(ledger.values()).allSatisfy(kinds -> assertThat(kinds)
                    .containsEntry("RELEASE", 1).containsEntry("ACKNOWLEDGEMENT", 1));
            long pagingStarts = pagingStarts(env.dataDir());
            assertThat(pagingStarts).as("times an address started paging (AMQ222038) in the child logs")
                    .isPositive();
            System.out.printf("[crash test] paging started %d times%n", pagingStarts);
            System.out.printf("[crash test] %d notices (%d CSV, %d SOAP), %d SIGKILLs at [%s]; delivered once each: "
                            + "%d CSV rows, %d SOAP actions (%d SOAP calls in all); ledger: one release and one "
                            + "acknowledgement each; %.0f s%n",
                    messages, csvIds.size(), soapIds.size(), kills, String.join("; ", killPoints), csv.size(),
                    soap.size(), soapLa.calls(), (System.nanoTime() - started) / 1e9);
        }
    }


    private void post(int port, TestEnvironment env, TestNotices.Notice n, Set<String> accepted) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                            + "/fhir/$process-message"))
                    .timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/fhir+json")
                    .header("X-API-Key", env.apiKey(TestEnvironment.TRUST))
                    .POST(HttpRequest.BodyPublishers.ofString(n.json())).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                accepted.add(n.messageId());
            }
        } catch (IOException e) {
            // the child was killed: this notice stays unacknowledged and is resent later
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Message id to the number of rows carrying it, over every data file an LA importer would take:
     * a {@code .csv} whose {@code .ok} ready marker exists (ADR 0010).
     */
    private static Map<String, Integer> deliveredIds(Path outbox) throws IOException {
        Map<String, Integer> rows = new HashMap<>();
        if (!Files.isDirectory(outbox)) {
            return rows;
        }
        try (Stream<Path> files = Files.list(outbox)) {
            for (Path f : files.filter(p -> !p.getFileName().toString().startsWith(".")
                    && p.getFileName().toString().endsWith(".csv")
                    && Files.exists(p.resolveSibling(p.getFileName() + ".ok"))).toList()) {
                try (CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                        .parse(Files.newBufferedReader(f))) {
                    for (CSVRecord rec : p) {
                        rows.merge(rec.get("message_id"), 1, Integer::sum);
                    }
                }
            }
        }
        return rows;
    }

    private static long pagingStarts(Path dataDir) throws IOException {
        try (Stream<Path> logs = Files.list(dataDir)) {
            long n = 0;
            for (Path log : logs.filter(p -> p.getFileName().toString().matches("child-\\d+\\.log")).toList()) {
                try (Stream<String> lines = Files.lines(log, java.nio.charset.StandardCharsets.UTF_8)) {
                    n += lines.filter(l -> l.contains("AMQ222038")).count();
                }
            }
            return n;
        }
    }

    /** Message id to entry kind to count, for the releases and acknowledgements in the ledger. */
    private static Map<String, Map<String, Integer>> ledgerEntries(TestEnvironment env) throws Exception {
        Map<String, Map<String, Integer>> rows = new HashMap<>();
        try (Connection c = env.database().connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT message_id, entry_kind, COUNT(*) FROM ledger_entry"
                     + " WHERE entry_kind IN ('RELEASE', 'ACKNOWLEDGEMENT') GROUP BY message_id, entry_kind")) {
            while (rs.next()) {
                rows.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getString(2), rs.getInt(3));
            }
        }
        return rows;
    }
}
