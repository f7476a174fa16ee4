package org.seamless.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.seamless.mappings.testdata.TestNhsNumbers;
import org.seamless.mappings.testdata.TestNotices;

/**
 * The mixed traffic the crash test and the topology test send through a Seamless that is being killed:
 * notices from the demo trust, referrals from the demo charity, alert extracts dropped in a council's
 * inbox, each a {@link Work} sent again until acknowledged; and the counts they check afterwards (rows
 * in the CSV council's outbox, releases and acknowledgements in the ledger).
 */
public final class MixedTraffic {
    /** One message, sent until its sender gets an acknowledgement. */
    public interface Work {
        String key();

        boolean send(int port, TestEnvironment env) throws IOException, InterruptedException;
    }

    private final String run;
    private final String alertIdPrefix;
    private final String listener;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final Map<Integer, java.util.concurrent.atomic.AtomicInteger> answers =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param run           names this run's referral keys and extract files ({@code crash}, {@code topology})
     * @param alertIdPrefix the council's alert ids' prefix
     * @param listener      the charity the referrals go to
     */
    public MixedTraffic(String run, String alertIdPrefix, String listener) {
        this.run = run;
        this.alertIdPrefix = alertIdPrefix;
        this.listener = listener;
    }

    /** A notice from the demo trust to its FHIR edge. */
    public Work notice(TestNotices.Notice n) {
        return new Work() {
            @Override
            public String key() {
                return n.messageId();
            }

            @Override
            public boolean send(int port, TestEnvironment env) throws IOException, InterruptedException {
                return answered(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                                        + "/fhir/$process-message"))
                                .timeout(Duration.ofSeconds(60))
                                .header("Content-Type", "application/fhir+json")
                                .header("X-API-Key", env.apiKey(TestEnvironment.TRUST))
                                .POST(HttpRequest.BodyPublishers.ofString(n.json())).build(),
                        HttpResponse.BodyHandlers.ofString())).statusCode() == 200;
            }
        };
    }

    /** A referral from the demo charity to the listener, sent again with the same idempotency key. */
    public Work referral(int i, Random random, Map<String, String> referralIds) {
        String key = run + "-" + i;
        String body = """
                {"to": "%s", "service": "home-from-hospital", "needs": ["shopping"], "priority": "routine",
                 "person": {"nhsNumber": "%s", "givenName": "Ann", "familyName": "Testperson",
                   "birthDate": "1940-02-03", "gender": "female",
                   "address": {"lines": ["1 Test Street"], "city": "Leeds", "postcode": "LS1 4AP"}}}"""
                .formatted(listener, TestNhsNumbers.randomDigits(random));
        return new Work() {
            @Override
            public String key() {
                return "referral:" + key;
            }

            @Override
            public boolean send(int port, TestEnvironment env) throws IOException, InterruptedException {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                                + "/api/v1/vcs/referrals")).timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "application/json").header("Idempotency-Key", key)
                        .header("X-API-Key", env.apiKey(TestEnvironment.CHARITY))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                answered(r);
                if (r.statusCode() != 202) {
                    return false;
                }
                String id = json.readTree(r.body()).get("referralId").asText();
                String before = referralIds.putIfAbsent(key, id);
                assertThat(before == null ? id : before).as("the same key gives the same referral").isEqualTo(id);
                return true;
            }
        };
    }

    /** HTTP status to the number of answers with it, over every notice and referral sent (repeats included). */
    public Map<Integer, Integer> answers() {
        Map<Integer, Integer> copy = new java.util.TreeMap<>();
        answers.forEach((status, n) -> copy.put(status, n.get()));
        return copy;
    }

    private <T> HttpResponse<T> answered(HttpResponse<T> r) {
        answers.computeIfAbsent(r.statusCode(), s -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
        return r;
    }

    /** A delta extract of alerts [first, end) dropped in the authority's inbox the way its export job would. */
    public Work alertExtract(int first, int end, Random random, Path inbox) {
        StringBuilder csv = new StringBuilder("alert_id,nhs_number,alert_type,start_date,end_date,review_date,"
                + "team_name,team_phone,deleted\r\n");
        LocalDate today = LocalDate.now();
        for (int i = first; i < end; i++) {
            csv.append(String.join(",", alertIdPrefix + i, TestNhsNumbers.randomDigits(random),
                    i % 2 == 0 ? "child-protection-plan" : "looked-after-child", today.minusDays(30).toString(), "",
                    today.plusDays(90).toString(), "Children's Services North", "0113 496 0000", "N")).append("\r\n");
        }
        String name = "alerts-delta-" + run + "-" + first + ".csv";
        return new Work() {
            @Override
            public String key() {
                return "alerts:" + name;
            }

            @Override
            public boolean send(int port, TestEnvironment env) throws IOException {
                Files.createDirectories(inbox);
                Path staging = inbox.resolveSibling(name + ".tmp");
                Files.writeString(staging, csv, StandardCharsets.UTF_8);
                Files.move(staging, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
                return true;
            }
        };
    }

    /** Sends {@code w} unless acknowledged already; an acknowledgement adds its key to {@code accepted}. */
    public static void send(Work w, int port, TestEnvironment env, Set<String> accepted) {
        if (accepted.contains(w.key())) {
            return;
        }
        try {
            if (w.send(port, env)) {
                accepted.add(w.key());
            }
        } catch (IOException e) {
            // not acknowledged (the receiver was killed, or failing over): sent again later
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Message id to the number of rows carrying it, over every data file an LA importer would take:
     * a {@code .csv} whose {@code .ok} ready marker exists (ADR 0010).
     */
    public static Map<String, Integer> deliveredIds(Path outbox) throws IOException {
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

    /** Message id to entry kind to count, for the releases and acknowledgements in the ledger. */
    public static Map<String, Map<String, Integer>> ledgerEntries(TestEnvironment env) throws Exception {
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
