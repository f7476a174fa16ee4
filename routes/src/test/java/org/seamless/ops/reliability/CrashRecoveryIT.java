package org.seamless.ops.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
import org.seamless.mappings.testdata.TestNhsNumbers;
import org.seamless.mappings.testdata.TestNotices;
import org.seamless.testsupport.ChildSeamless;
import org.seamless.testsupport.MixedTraffic;
import org.seamless.testsupport.TestEnvironment;
import org.seamless.testsupport.VerifyingWebhookReceiver;

/**
 * The crash harness. Seamless runs as a child JVM on its embedded defaults while three flows are
 * driven through it, each to an agency system that runs in this test JVM, outside the process that
 * is killed:
 * <ul>
 *   <li>hospital discharge notices through the FHIR edge, to a CSV authority (files in its outbox)
 *       and to an ITK SOAP case system ({@link ItkCaseSystemServer});</li>
 *   <li>social care alerts dropped as CSV extracts in the CSV authority's inbox, to the trust's FHIR
 *       server as Flags ({@link TrustFlagServer});</li>
 *   <li>referrals through the voluntary-sector JSON API, to an organisation's webhook receiver that
 *       verifies every signature ({@link VerifyingWebhookReceiver}).</li>
 * </ul>
 * The child is killed with SIGKILL {@code kills} times at spread-out points and restarted on the same
 * data. Each agency address pages to disk beyond {@value #PAGING_LIMIT_BYTES} bytes, so kills land
 * while messages page. Senders resend what was not acknowledged, and some that were (referrals with
 * the same {@code Idempotency-Key}). At the agency ends: every message arrived and no system acted
 * on one twice (CSV rows per message id; SOAP actions per ITK tracking id; Flag versions per business
 * identifier; webhook actions per referral), and the ledger has exactly one release and one
 * acknowledgement for each message.
 *
 * <p>In the suite: {@value #DEFAULT_MESSAGES} messages and {@value #DEFAULT_KILLS} kills. The
 * acceptance run (issue 8) is 10,000 messages:
 * {@code ./mvnw -B verify -pl routes -am -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=CrashRecoveryIT -Dseamless.crash.messages=10000 -Dseamless.crash.kills=3}
 * (docs/operations.md has the figures).
 */
class CrashRecoveryIT {
    private static final int DEFAULT_MESSAGES = 240;
    private static final int DEFAULT_KILLS = 3;
    private static final long PAGING_LIMIT_BYTES = 64 * 1024;
    private static final String LISTENER = "crash-listener";
    private static final int ALERTS_PER_FILE = 10;

    private final MixedTraffic traffic = new MixedTraffic("crash", "CR", LISTENER);
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void sigkillsMidFlightLoseNothingAndDuplicateNothing() throws Exception {
        int messages = Integer.getInteger("seamless.crash.messages", DEFAULT_MESSAGES);
        int kills = Integer.getInteger("seamless.crash.kills", DEFAULT_KILLS);
        int referralCount = messages / 10;
        int alertCount = messages / 10;
        int noticeCount = messages - referralCount - alertCount;
        // every third notice is for a patient living in the SOAP authority's area
        List<TestNotices.Notice> notices = IntStream.range(0, noticeCount)
                .mapToObj(i -> i % 3 == 0 ? TestNotices.dischargeInLs6(50_000 + i) : TestNotices.discharge(50_000 + i)).toList();
        Set<String> soapIds = IntStream.range(0, noticeCount).filter(i -> i % 3 == 0)
                .mapToObj(i -> notices.get(i).messageId()).collect(Collectors.toSet());
        Map<String, String> referralIds = new ConcurrentHashMap<>(); // idempotency key -> referral id
        Set<String> alertIdentifiers = IntStream.range(0, alertCount)
                .mapToObj(i -> TestEnvironment.LA_CSV + "/CR" + i).collect(Collectors.toSet());
        Random random = new Random(8);

        String listenerSecret = TestEnvironment.randomSecret();
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        List<String> killPoints = new ArrayList<>();
        long started = System.nanoTime();
        try (ItkCaseSystemServer soapLa = new ItkCaseSystemServer();
             TrustFlagServer trustFhir = new TrustFlagServer();
             VerifyingWebhookReceiver listener = new VerifyingWebhookReceiver(listenerSecret);
             TestEnvironment env = TestEnvironment.create()
                     .withProperty("seamless.test.la-soap-endpoint", soapLa.endpoint())
                     .withProperty("seamless.test.trust-fhir-endpoint", trustFhir.base())
                     // why: a small per-address limit so the addresses page to disk while the child is
                     // killed; a paged message that was acknowledged to its sender must survive
                     .withProperty("seamless.broker.address-max-size-bytes",
                             Long.toString(Long.getLong("seamless.crash.address-max-size-bytes", PAGING_LIMIT_BYTES)));
             ChildSeamless child = new ChildSeamless(env.withAgencies("""
                       - id: %s
                         kind: voluntary-org
                         api-key-sha256: ${key:%1$s}
                         adapter:
                           type: vcs-webhook
                           params:
                             webhook-url: %s
                             webhook-secret: %s
                     """.formatted(LISTENER, listener.url(), listenerSecret), LISTENER)
                     .withPseudonymisedReferralsTo(LISTENER),
                     Path.of("target", "seamless.jar"))) {
            List<MixedTraffic.Work> work = new ArrayList<>();
            Path inbox = env.inbox(TestEnvironment.LA_CSV);
            int n = 0;
            int r = 0;
            int a = 0;
            for (int i = 0; i < messages; i++) {
                if (i % 10 == 5 && r < referralCount) {
                    work.add(traffic.referral(r++, random, referralIds));
                } else if (i % (10 * ALERTS_PER_FILE) == 7 && a < alertCount) {
                    int first = a;
                    a = Math.min(alertCount, a + ALERTS_PER_FILE);
                    work.add(traffic.alertExtract(first, a, random, inbox));
                } else if (n < noticeCount) {
                    work.add(traffic.notice(notices.get(n++)));
                }
            }
            while (r < referralCount) {
                work.add(traffic.referral(r++, random, referralIds));
            }
            while (a < alertCount) {
                int first = a;
                a = Math.min(alertCount, a + ALERTS_PER_FILE);
                work.add(traffic.alertExtract(first, a, random, inbox));
            }
            while (n < noticeCount) {
                work.add(traffic.notice(notices.get(n++)));
            }
            Path outbox = env.outbox(TestEnvironment.LA_CSV);
            for (int phase = 0; phase <= kills; phase++) {
                child.start();
                int port = child.port();
                if (phase > 0) {
                    // a sender that timed out resends; some of these were in fact accepted before the kill
                    work.stream().filter(w -> !w.key().startsWith("alerts:") && w.key().hashCode() % 7 == 0).limit(50)
                            .forEach(w -> MixedTraffic.send(w, port, env, accepted));
                }
                ExecutorService senders = Executors.newFixedThreadPool(3);
                work.stream().filter(w -> !accepted.contains(w.key()))
                        .forEach(w -> senders.submit(() -> MixedTraffic.send(w, port, env, accepted)));
                if (phase < kills) {
                    int killAt = (int) ((long) work.size() * (phase + 1) / (kills + 1));
                    await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(20))
                            .until(() -> accepted.size() >= killAt);
                    child.kill();
                    killPoints.add(accepted.size() + " acknowledged, " + MixedTraffic.deliveredIds(outbox).size() + " CSV rows, "
                            + soapLa.actionsPerMessage().size() + " SOAP actions, "
                            + trustFhir.versionsByIdentifier().size() + " Flags, "
                            + listener.acted().size() + " webhooks");
                }
                senders.shutdownNow();
                assertThat(senders.awaitTermination(120, TimeUnit.SECONDS)).isTrue();
            }
            int port = child.port();
            await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
                work.stream().filter(w -> !accepted.contains(w.key())).forEach(w -> MixedTraffic.send(w, port, env, accepted));
                return accepted.size() == work.size();
            });
            await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(500)).until(() ->
                    MixedTraffic.deliveredIds(outbox).size() + soapLa.actionsPerMessage().size() >= noticeCount
                            && trustFhir.versionsByIdentifier().size() >= alertCount
                            && listener.acted().size() >= referralCount);

            Map<String, Integer> csv = MixedTraffic.deliveredIds(outbox);
            Map<String, Integer> soap = soapLa.actionsPerMessage();
            Set<String> csvIds = notices.stream().map(TestNotices.Notice::messageId).filter(id -> !soapIds.contains(id))
                    .collect(Collectors.toSet());
            assertThat(csv.keySet()).as("CSV rows: every notice for the CSV authority, nothing else")
                    .containsExactlyInAnyOrderElementsOf(csvIds);
            assertThat(csv.values()).as("rows per message id across all outbox files").containsOnly(1);
            assertThat(soap.keySet()).as("SOAP case system: every notice for the SOAP authority, nothing else")
                    .containsExactlyInAnyOrderElementsOf(soapIds);
            assertThat(soap.values()).as("times the SOAP case system acted on each message").containsOnly(1);
            Map<String, Integer> flags = trustFhir.versionsByIdentifier();
            assertThat(flags.keySet()).as("Flags on the trust's FHIR server: every alert, nothing else")
                    .containsExactlyInAnyOrderElementsOf(alertIdentifiers);
            assertThat(flags.values()).as("Flag versions per alert (a resend of the same content is no new version)")
                    .containsOnly(1);
            Map<String, Integer> webhooks = new HashMap<>();
            for (VerifyingWebhookReceiver.Received got : listener.acted().values()) {
                webhooks.merge(json.readTree(got.body()).path("referralId").asText(), 1, Integer::sum);
            }
            if (!webhooks.keySet().equals(Set.copyOf(referralIds.values()))) {
                StringBuilder why = new StringBuilder();
                for (VerifyingWebhookReceiver.Received got : listener.acted().values()) {
                    String id = json.readTree(got.body()).path("referralId").asText();
                    if (!referralIds.containsValue(id)) {
                        why.append("\nunexpected ").append(got.eventId()).append(' ').append(got.text());
                    }
                }
                referralIds.forEach((k, id) -> {
                    if (!webhooks.containsKey(id)) {
                        why.append("\nmissing ").append(k).append(" -> ").append(id);
                    }
                });
                try (Connection c = env.database().connect(); Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT source_agency, message_id, event_code, received_at"
                             + " FROM inbound_receipt WHERE event_code = 'referral' ORDER BY received_at")) {
                    while (rs.next()) {
                        why.append("\nreceipt ").append(rs.getString(2)).append(' ').append(rs.getString(4));
                    }
                }
                System.out.println("[crash test] referral mismatch:" + why);
            }
            assertThat(webhooks.keySet()).as("webhooks acted on: every referral, nothing else")
                    .containsExactlyInAnyOrderElementsOf(referralIds.values());
            assertThat(webhooks.values()).as("times the organisation acted on each referral").containsOnly(1);

            // why: an acknowledgement reaches the ledger just after the agency acted; wait until every
            // message has one, then check that there is exactly one of each kind
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    MixedTraffic.ledgerEntries(env).values().stream().filter(k -> k.containsKey("ACKNOWLEDGEMENT")).count()
                            >= messages);
            Map<String, Map<String, Integer>> ledger = MixedTraffic.ledgerEntries(env);
            assertThat(ledger).hasSize(messages);
            assertThat(ledger.keySet()).containsAll(notices.stream().map(TestNotices.Notice::messageId).toList())
                    .containsAll(referralIds.values());
            assertThat(ledger.values()).allSatisfy(kinds -> assertThat(kinds)
                    .containsEntry("RELEASE", 1).containsEntry("ACKNOWLEDGEMENT", 1));
            long pagingStarts = pagingStarts(env.dataDir());
            assertThat(pagingStarts).as("times an address started paging (AMQ222038) in the child logs")
                    .isPositive();
            System.out.printf("[crash test] paging started %d times%n", pagingStarts);
            System.out.printf("[crash test] %d messages: %d notices (%d CSV, %d SOAP), %d alerts, %d referrals; "
                            + "%d SIGKILLs at [%s]; acted on once each: %d CSV rows, %d SOAP actions (%d SOAP calls), "
                            + "%d Flags (%d PUTs), %d webhooks (%d webhook requests); ledger: one release and one "
                            + "acknowledgement each; %.0f s%n",
                    messages, noticeCount, csvIds.size(), soapIds.size(), alertCount, referralCount, kills,
                    String.join("; ", killPoints), csv.size(), soap.size(), soapLa.calls(), flags.size(),
                    trustFhir.puts(), webhooks.size(), listener.verdicts().size(),
                    (System.nanoTime() - started) / 1e9);
        }
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

}
