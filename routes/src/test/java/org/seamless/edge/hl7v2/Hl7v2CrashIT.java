package org.seamless.edge.hl7v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.seamless.adapters.nhshl7v2.NhsHl7v2AdapterType;
import org.seamless.app.demo.hl7v2.PasAdtStream;
import org.seamless.app.demo.hl7v2.PasAdtStream.Adt;
import org.seamless.app.demo.hl7v2.PasAdtStream.Expect;
import org.seamless.testsupport.ChildSeamless;
import org.seamless.testsupport.MixedTraffic;
import org.seamless.testsupport.MllpTestClient;
import org.seamless.testsupport.TestEnvironment;

/**
 * Issue 19, "a SIGKILL mid-stream loses and doubles nothing": a PAS streams ADT over MLLP to Seamless running
 * as a child JVM, which is killed with SIGKILL while messages are in flight and restarted on the same data.
 * Like a real PAS, the sender resends from the first message it has no acknowledgement for (some of those
 * were accepted before the kill: the ACK is sent only after the notice is durable, so a lost ACK means a
 * repeat, never a loss). At the council: every notice the stream raises arrives exactly once (CSV rows per
 * message id), nothing else arrives, and the ledger has one release per notice. In the {@code child-processes}
 * failsafe execution (ADR 0073). One kill by default (each kill costs a child restart, about 30 s of the CI
 * budget; {@code CrashRecoveryIT} kills three times); {@code -Dseamless.hl7crash.kills=N} and
 * {@code -Dseamless.hl7crash.messages=N} run longer streams with more kills.
 */
class Hl7v2CrashIT {
    static final String TRUST = "hl7-crash-trust";

    @Test
    void sigkillMidStreamLosesNothingAndDoublesNothing() throws Exception {
        int messages = Integer.getInteger("seamless.hl7crash.messages", 300);
        int kills = Integer.getInteger("seamless.hl7crash.kills", 1);
        int port = freePort();
        // every notice to the CSV council, whose outbox survives the kill (its rows are what the council acted on)
        List<Adt> stream = new PasAdtStream("RHL7C", "CR", LocalDateTime.now(ZoneId.of("Europe/London")), 7)
                .oneCouncil().generate(messages, 0);
        Set<String> noticeIds = stream.stream().filter(m -> m.expect() == Expect.NOTICE)
                .map(m -> NhsHl7v2AdapterType.messageId(TRUST, m.controlId())).collect(Collectors.toSet());
        AtomicInteger next = new AtomicInteger(); // the first message without an acknowledgement
        List<String> killPoints = new ArrayList<>();
        try (TestEnvironment env = TestEnvironment.create();
             ChildSeamless child = new ChildSeamless(env.withAgencies("""
                       - id: %s
                         kind: nhs-trust
                         ods-code: RHL7C
                         adapter:
                           type: nhs-hl7v2
                           params:
                             port: "%d"
                             bind-address: 127.0.0.1
                             notice-wards: "%s"
                         policy:
                           host-local-authority: demo-la-csv
                     """.formatted(TRUST, port, PasAdtStream.NOTICE_WARDS)), Path.of("target", "seamless.jar"))) {
            Path outbox = env.outbox(TestEnvironment.LA_CSV);
            for (int phase = 0; phase <= kills; phase++) {
                child.start();
                ExecutorService pas = Executors.newSingleThreadExecutor();
                Future<?> sending = pas.submit(() -> sendFrom(port, stream, next));
                if (phase < kills) {
                    int killAt = messages * (phase + 1) / (kills + 1);
                    await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(5))
                            .until(() -> next.get() >= killAt);
                    child.kill();
                    killPoints.add(next.get() + " acknowledged, " + MixedTraffic.deliveredIds(outbox).size()
                            + " CSV rows");
                } else {
                    await().atMost(Duration.ofMinutes(10)).until(sending::isDone);
                }
                pas.shutdownNow();
                assertThat(pas.awaitTermination(150, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(next.get()).isEqualTo(messages);

            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(500))
                    .until(() -> MixedTraffic.deliveredIds(outbox).size() >= noticeIds.size());
            Map<String, Integer> csv = MixedTraffic.deliveredIds(outbox);
            assertThat(csv.keySet()).as("the council got every notice the stream raised, nothing else")
                    .containsExactlyInAnyOrderElementsOf(noticeIds);
            assertThat(csv.values()).as("rows per message id across all outbox files").containsOnly(1);
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    MixedTraffic.ledgerEntries(env).values().stream().filter(k -> k.containsKey("ACKNOWLEDGEMENT"))
                            .count() >= noticeIds.size());
            Map<String, Map<String, Integer>> ledger = MixedTraffic.ledgerEntries(env);
            assertThat(ledger.keySet()).containsExactlyInAnyOrderElementsOf(noticeIds);
            assertThat(ledger.values()).allSatisfy(k -> assertThat(k).containsEntry("RELEASE", 1)
                    .containsEntry("ACKNOWLEDGEMENT", 1));
            System.out.printf("[hl7v2 crash test] %d ADT messages, %d notices, %d SIGKILLs at [%s]; each notice"
                    + " once at the council and in the ledger%n", messages, noticeIds.size(), kills,
                    String.join("; ", killPoints));
        }
    }

    /** Sends in order from the first unacknowledged message until done or the connection dies. */
    private static void sendFrom(int port, List<Adt> stream, AtomicInteger next) {
        try (MllpTestClient client = new MllpTestClient(port)) {
            while (next.get() < stream.size()) {
                String ack = client.send(stream.get(next.get()).text());
                if (!"AA".equals(MllpTestClient.code(ack))) {
                    throw new IllegalStateException("not accepted: " + stream.get(next.get()));
                }
                next.incrementAndGet();
            }
        } catch (RuntimeException e) {
            // the child was killed: the PAS resends from the first unacknowledged message after the restart
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
