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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
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
 * Starts Seamless as a child JVM, kills it with SIGKILL while notices are in flight, starts it
 * again on the same data, and checks at the local authority's end that every accepted or resent
 * notice arrived exactly once.
 */
class CrashRecoveryIT {
    private static final int MESSAGES = 200;
    private static final int KILL_AFTER_ACCEPTED = 60;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void sigkillMidFlightLosesNothingAndDuplicatesNothing() throws Exception {
        List<TestNotices.Notice> notices = IntStream.range(0, MESSAGES).mapToObj(i -> TestNotices.discharge(5000 + i))
                .toList();
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        try (TestEnvironment env = TestEnvironment.create();
             ChildSeamless child = new ChildSeamless(env, Path.of("target", "seamless.jar"))) {
            child.start();
            ExecutorService senders = Executors.newFixedThreadPool(2);
            int port = child.port();
            notices.forEach(n -> senders.submit(() -> post(port, env, n, accepted)));
            await().atMost(Duration.ofSeconds(120)).until(() -> accepted.size() >= KILL_AFTER_ACCEPTED);
            child.kill();
            int writtenAtKill = deliveredIds(env.outbox(TestEnvironment.LA_CSV)).size();
            senders.shutdown();
            assertThat(senders.awaitTermination(120, TimeUnit.SECONDS)).isTrue();
            int acceptedBeforeKill = accepted.size();
            assertThat(acceptedBeforeKill).as("the kill came while notices were still being sent").isLessThan(MESSAGES);

            child.start();
            // resend what was not acknowledged, and some that were, as a sender retrying would; a
            // sender retries a timed-out call (the first calls after a start wait for the validator)
            for (TestNotices.Notice n : notices) {
                if (n.details().encounterId().hashCode() % 5 == 0) {
                    post(child.port(), env, n, accepted);
                }
            }
            int port2 = child.port();
            await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofMillis(10)).until(() -> {
                notices.stream().filter(n -> !accepted.contains(n.messageId())).forEach(n -> post(port2, env, n, accepted));
                return accepted.size() == MESSAGES;
            });

            Path outbox = env.outbox(TestEnvironment.LA_CSV);
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                    .until(() -> deliveredIds(outbox).size() >= MESSAGES);
            Map<String, Integer> delivered = deliveredIds(outbox);
            assertThat(delivered.keySet()).containsExactlyInAnyOrderElementsOf(
                    notices.stream().map(TestNotices.Notice::messageId).toList());
            assertThat(delivered.values()).as("rows per message id across all outbox files").containsOnly(1);
            assertThat(disclosureRowsPerMessage(env)).hasSize(MESSAGES).containsOnlyKeys(delivered.keySet())
                    .allSatisfy((id, rows) -> assertThat(rows).isEqualTo(1));
            System.out.printf("[crash test] %d notices, %d acknowledged and %d written at SIGKILL, %d delivered once each%n",
                    MESSAGES, acceptedBeforeKill, writtenAtKill, delivered.size());
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

    private static Map<String, Integer> disclosureRowsPerMessage(TestEnvironment env) throws Exception {
        Map<String, Integer> rows = new HashMap<>();
        try (Connection c = env.database().connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT message_id, COUNT(*) FROM disclosure GROUP BY message_id")) {
            while (rs.next()) {
                rows.put(rs.getString(1), rs.getInt(2));
            }
        }
        return rows;
    }
}
