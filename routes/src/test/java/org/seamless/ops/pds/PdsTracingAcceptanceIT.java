package org.seamless.ops.pds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.seamless.privacy.keys.FieldCipher;
import org.seamless.testsupport.SeamlessTestBase;
import org.seamless.testsupport.TestEnvironment;
import org.seamless.testsupport.pds.PdsSimulator;
import org.seamless.testsupport.pds.TracingExtract;
import org.seamless.testsupport.pds.TracingExtract.Expect;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Acceptance of PDS tracing (issue 20, ADR 0079) against the PDS simulator: a 10,000-row alert extract where 10% of
 * the rows lack an NHS number and 1% are ambiguous in PDS. Traced and replaced rows go to the hub with PDS's number
 * (marked verified), ambiguous, unmatched and unknown rows are held (rejects file and work queue, by line and
 * reason), PDS is asked once per row, and the match-rate report equals the generated truth exactly. A second LA
 * whose minimum match rate the extract misses has it held whole, with an operator alert and nothing sent.
 */
class PdsTracingAcceptanceIT extends SeamlessTestBase {
    static final String LA = "test-la-traced";
    static final String STRICT = "test-la-strict";
    static final PdsSimulator PDS = PdsSimulator.start().requireToken("test-pds-token");
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration LONG = Duration.ofMinutes(10);

    static {
        ENV.withAgencies("""
                  - id: %1$s
                    kind: local-authority
                    la-code: E08000036
                    api-key-sha256: ${key:%1$s}
                    adapter:
                      type: la-csv
                      params:
                        outbox: %3$s/agencies/%1$s/outbox
                        state-dir: %3$s/agencies/%1$s/state
                        inbox: %3$s/agencies/%1$s/inbox
                        pds-trace: true
                        pds-minimum-match-rate-percent: 80
                  - id: %2$s
                    kind: local-authority
                    la-code: E08000037
                    api-key-sha256: ${key:%2$s}
                    adapter:
                      type: la-csv
                      params:
                        outbox: %3$s/agencies/%2$s/outbox
                        state-dir: %3$s/agencies/%2$s/state
                        inbox: %3$s/agencies/%2$s/inbox
                        pds-trace: true
                        pds-minimum-match-rate-percent: 95
                """.formatted(LA, STRICT, ENV.dataDir().toAbsolutePath()), LA, STRICT);
        ENV.withProperty("seamless.pds.base-url", PDS.baseUrl());
        ENV.withProperty("seamless.pds.bearer-token", "test-pds-token");
        // why: the published 5 TPS would make 10,000 requests take over half an hour; the throttle has its own test
        ENV.withProperty("seamless.pds.requests-per-second", "100000");
        ENV.withProperty("seamless.pds.burst", "1000");
        ENV.withProperty("seamless.pds.timeout", "60s");
    }

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    FieldCipher cipher;

    @AfterAll
    static void stopPds() {
        PDS.close();
    }

    @Test
    void tenThousandRowsTracedHeldAndReportedExactlyAsGenerated() throws Exception {
        LocalDate today = LocalDate.now();
        TracingExtract x = TracingExtract.generate(10_000, "TR", PDS, today);
        assertThat(x.count(Expect.MULTIPLE_MATCHES)).isEqualTo(100); // 1% ambiguous
        assertThat(x.count(Expect.TRACED) + x.count(Expect.NO_MATCH) + x.count(Expect.MULTIPLE_MATCHES)).isEqualTo(1000);
        Path inbox = ENV.inbox(LA);
        Files.createDirectories(inbox);
        String name = "alerts-full-traced.csv";
        x.writeTo(inbox.resolve(name));

        Path processed = inbox.resolve("processed");
        await().atMost(LONG).pollInterval(Duration.ofSeconds(1)).until(() -> Files.exists(processed.resolve(name + ".summary.csv")));
        Map<String, String> summary = summary(processed, name);
        assertThat(summary).containsEntry("outcome", "applied").containsEntry("rows_read", "10000")
                .containsEntry("accepted", String.valueOf(x.sent())).containsEntry("rejected", "0")
                .containsEntry("refused_by_gate", "0").containsEntry("started", String.valueOf(x.sent()))
                .containsEntry("pds_verified", String.valueOf(x.count(Expect.VERIFIED)))
                .containsEntry("pds_superseded", String.valueOf(x.count(Expect.SUPERSEDED)))
                .containsEntry("pds_traced", String.valueOf(x.count(Expect.TRACED)))
                .containsEntry("pds_held", String.valueOf(x.held())).containsEntry("pds_match_rate_percent", "89.0");

        // held rows: exactly the generated ones, by line and reason, in the rejects file and in the work queue
        Map<Long, String> heldTruth = x.byAlert().values().stream().filter(t -> t.sentNhsNumber() == null)
                .collect(Collectors.toMap(TracingExtract.Truth::line, t -> code(t.expect())));
        Map<Long, String> rejected = new HashMap<>();
        rejects(processed, name).forEach(r -> rejected.put(Long.parseLong(r.get("line")), r.get("code")));
        assertThat(rejected).isEqualTo(heldTruth);
        JsonNode queue = get("/api/ops/pds/work-queue?agency=" + LA).get("held");
        Map<Long, String> queued = new HashMap<>();
        queue.forEach(h -> {
            assertThat(h.get("fileName").asText()).isEqualTo(name);
            queued.put(h.get("line").asLong(), "pds-" + h.get("reason").asText()
                    .replace("number-not-in-pds", "not-found"));
        });
        assertThat(queued).isEqualTo(heldTruth);

        // the match-rate report equals the truth exactly
        JsonNode report = get("/api/ops/pds/match-rates?agency=" + LA).get("agencies");
        assertThat(report).hasSize(1);
        JsonNode a = report.get(0);
        assertThat(a.get("agency").asText()).isEqualTo(LA);
        assertThat(a.get("verified").asLong()).isEqualTo(x.count(Expect.VERIFIED));
        assertThat(a.get("superseded").asLong()).isEqualTo(x.count(Expect.SUPERSEDED));
        assertThat(a.get("traced").asLong()).isEqualTo(x.count(Expect.TRACED));
        assertThat(a.get("held").asLong()).isEqualTo(x.held());
        assertThat(a.get("heldNoMatch").asLong()).isEqualTo(x.count(Expect.NO_MATCH));
        assertThat(a.get("heldMultipleMatches").asLong()).isEqualTo(x.count(Expect.MULTIPLE_MATCHES));
        assertThat(a.get("heldNumberNotInPds").asLong()).isEqualTo(x.count(Expect.NOT_FOUND));
        assertThat(a.get("searched").asLong()).isEqualTo(1000);
        assertThat(a.get("matchRatePercent").asDouble()).isEqualTo(89.0);
        assertThat(a.get("extracts")).hasSize(1);

        // traced and replaced rows went to the hub with PDS's number; held rows did not go at all
        Map<String, String> sent = new HashMap<>();
        jdbc.query("SELECT alert_id, nhs_number FROM la_alert_state WHERE agency_id = ?",
                rs -> {
                    sent.put(rs.getString(1), cipher.open("la_alert_state.nhs_number", rs.getString(2)));
                }, LA);
        Map<String, String> sentTruth = x.byAlert().values().stream().filter(t -> t.sentNhsNumber() != null)
                .collect(Collectors.toMap(TracingExtract.Truth::alertId, TracingExtract.Truth::sentNhsNumber));
        assertThat(sent).isEqualTo(sentTruth);

        // PDS was asked once per row: a read per number, a search per row without one
        assertThat(PDS.reads()).isEqualTo(9000);
        assertThat(PDS.searches()).isEqualTo(1000);

        // the stored number is encrypted at rest
        assertThat(jdbc.queryForList("SELECT nhs_number FROM pds_trace WHERE nhs_number IS NOT NULL", String.class))
                .hasSize((int) (x.count(Expect.TRACED) + x.count(Expect.SUPERSEDED)))
                .allSatisfy(v -> assertThat(FieldCipher.isSealed(v)).isTrue());

        // an extract of the same make-up for an LA that wants 95%: held whole, operator alert, nothing sent
        TracingExtract small = TracingExtract.generate(500, "ST", PDS, today);
        Path strictInbox = ENV.inbox(STRICT);
        Files.createDirectories(strictInbox);
        small.writeTo(strictInbox.resolve(name));
        Path failed = strictInbox.resolve("failed");
        await().atMost(LONG).pollInterval(Duration.ofSeconds(1)).until(() -> Files.exists(failed.resolve(name + ".summary.csv")));
        assertThat(summary(failed, name)).containsEntry("outcome", "rejected").containsEntry("accepted", "0")
                .containsEntry("pds_traced", String.valueOf(small.count(Expect.TRACED)))
                .containsEntry("pds_match_rate_percent", "88.0")
                .hasEntrySatisfying("reason", r -> assertThat(r).startsWith("held: 44 of 50 rows without an NHS number traced"));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM operator_alert WHERE agency_id = ? AND code = ?",
                Integer.class, STRICT, "pds-match-rate-below-minimum")).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM la_alert_state WHERE agency_id = ?", Integer.class, STRICT))
                .isZero();
    }

    private static String code(Expect e) {
        return switch (e) {
            case NO_MATCH -> "pds-no-match";
            case MULTIPLE_MATCHES -> "pds-multiple-matches";
            case NOT_FOUND -> "pds-not-found";
            default -> throw new IllegalArgumentException(e.name());
        };
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", ENV.basic(TestEnvironment.OPERATOR)).timeout(Duration.ofSeconds(60)).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static Map<String, String> summary(Path dir, String name) throws Exception {
        try (Reader r = Files.newBufferedReader(dir.resolve(name + ".summary.csv"))) {
            List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)
                    .getRecords();
            return rows.isEmpty() ? Map.of() : new HashMap<>(rows.get(0).toMap());
        }
    }

    private static List<CSVRecord> rejects(Path dir, String name) throws Exception {
        try (Reader r = Files.newBufferedReader(dir.resolve(name + ".rejects.csv"))) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r).getRecords();
        }
    }
}
