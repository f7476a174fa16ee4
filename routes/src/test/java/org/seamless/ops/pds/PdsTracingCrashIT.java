package org.seamless.ops.pds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.seamless.adapters.pds.ExtractTracer;
import org.seamless.ops.reliability.TrustFlagServer;
import org.seamless.testsupport.ChildSeamless;
import org.seamless.testsupport.TestEnvironment;
import org.seamless.testsupport.pds.PdsSimulator;
import org.seamless.testsupport.pds.TracingExtract;

/**
 * A SIGKILL while an extract is being traced loses and doubles nothing (issue 20, ADR 0079): Seamless runs as a
 * child JVM whose CSV authority traces its alert extract with the PDS simulator (in this JVM); the child is killed
 * once PDS has answered about a third of the rows (the extract is dropped after the start, so this lands mid-trace),
 * and again once the hub has the extract's first alert (on a slow machine the import may have ended by then), then
 * started on the same data. At the end: every row has exactly one stored answer equal to the truth, the
 * work queue holds exactly the held lines, the trust's FHIR server has exactly one version of a Flag for every row
 * that was to be sent and none for a held row, and PDS was asked again about no more than
 * {@value ExtractTracer#SAVE_EVERY} rows per kill.
 */
class PdsTracingCrashIT {
    private static final int ROWS = 1_000;

    @Test
    void sigkillDuringTracingLosesAndDoublesNothing() throws Exception {
        try (PdsSimulator pds = PdsSimulator.start();
             TrustFlagServer trustFhir = new TrustFlagServer();
             TestEnvironment env = TestEnvironment.create()
                     .withProperty("seamless.test.trust-fhir-endpoint", trustFhir.base())
                     .withProperty("seamless.pds.base-url", pds.baseUrl())
                     // why: slow enough that the kills land mid-trace, fast enough for the suite (about 10 s a pass)
                     .withProperty("seamless.pds.requests-per-second", "100")
                     .withProperty("seamless.pds.burst", "1")
                     .withProperty("seamless.pds.timeout", "60s")) {
            // the demo CSV authority (to whose alerts the trust subscribes) traces with PDS
            String registry = Files.readString(env.registryFile());
            String inboxLine = "inbox: " + env.dataDir().toAbsolutePath() + "/agencies/" + TestEnvironment.LA_CSV + "/inbox";
            assertThat(registry).contains(inboxLine);
            String indent = registry.lines().filter(l -> l.strip().equals(inboxLine)).findFirst().orElseThrow()
                    .replace(inboxLine, "");
            Files.writeString(env.registryFile(), registry.replace(indent + inboxLine, indent + inboxLine + "\n" + indent
                    + "pds-trace: true\n" + indent + "pds-minimum-match-rate-percent: 50"));

            TracingExtract x = TracingExtract.generate(ROWS, "CK", pds, LocalDate.now());
            Path inbox = env.inbox(TestEnvironment.LA_CSV);
            Files.createDirectories(inbox);
            String name = "alerts-full-crash.csv";
            Path summary = inbox.resolve("processed").resolve(name + ".summary.csv");

            try (ChildSeamless child = new ChildSeamless(env, Path.of("target", "seamless.jar"))) {
                child.start();
                x.writeTo(inbox.resolve(name)); // why after the start: the first kill must land mid-trace
                await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(20))
                        .until(() -> pds.reads() + pds.searches() >= ROWS / 3);
                child.kill();
                int askedBeforeFirstKill = pds.reads() + pds.searches();
                assertThat(Files.exists(summary)).isFalse();

                child.start();
                await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(20))
                        .until(() -> inboundFrom(env) > 0 || Files.exists(summary));
                child.kill();
                int kills = 2;

                child.start();
                await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(250)).until(() -> Files.exists(summary));
                await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(500))
                        .until(() -> trustFhir.versionsByIdentifier().size() >= x.sent());

                // PDS: every row asked, none asked again beyond what the last unsaved answers of each kill cost
                int asked = pds.reads() + pds.searches();
                assertThat(asked).isBetween(ROWS, ROWS + kills * ExtractTracer.SAVE_EVERY);
                assertThat(askedBeforeFirstKill).isLessThan(ROWS);

                // one stored answer per row, equal to the truth; the work queue is exactly the held rows
                Map<Long, String> stored = answers(env);
                Map<Long, String> truth = x.byAlert().values().stream().collect(Collectors.toMap(
                        TracingExtract.Truth::line, t -> t.expect().name()));
                assertThat(stored).isEqualTo(truth);

                // the trust acted once on every row to be sent, and never on a held one
                Map<String, Integer> flags = trustFhir.versionsByIdentifier();
                Set<String> expected = x.byAlert().values().stream().filter(t -> t.sentNhsNumber() != null)
                        .map(t -> TestEnvironment.LA_CSV + "/" + t.alertId()).collect(Collectors.toSet());
                assertThat(flags.keySet()).isEqualTo(expected);
                assertThat(new HashSet<>(flags.values())).containsOnly(1);
                assertThat(inboundFrom(env)).isEqualTo(x.sent());
            }
        }
    }

    /** The hub's inbound receipts from the CSV authority (one per message id: a resend is not a second one). */
    private static long inboundFrom(TestEnvironment env) throws Exception {
        try (Connection c = env.database().connect();
             PreparedStatement st = c.prepareStatement("SELECT COUNT(*) FROM inbound_receipt WHERE source_agency = ?")) {
            st.setString(1, TestEnvironment.LA_CSV);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            return 0; // why: the child's migrations may not have run yet
        }
    }

    private static Map<Long, String> answers(TestEnvironment env) throws Exception {
        Map<Long, String> out = new HashMap<>();
        try (Connection c = env.database().connect();
             PreparedStatement st = c.prepareStatement("SELECT line, outcome FROM pds_trace WHERE agency_id = ?")) {
            st.setString(1, TestEnvironment.LA_CSV);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    assertThat(out.put(rs.getLong(1), rs.getString(2))).isNull();
                }
            }
        }
        return out;
    }
}
