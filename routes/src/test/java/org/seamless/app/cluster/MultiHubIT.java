package org.seamless.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.seamless.SeamlessApplication;
import org.seamless.hub.alerts.FlagExpiryJob;
import org.seamless.app.broker.BrokerUsers;
import org.seamless.ledger.CheckpointJob;
import org.seamless.ledger.LedgerVerificationJob;
import org.seamless.mappings.testdata.TestNotices;
import org.seamless.privacy.ledger.EntryKind;
import org.seamless.privacy.ledger.JdbcLedger;
import org.seamless.privacy.ledger.LedgerEntry;
import org.seamless.privacy.ledger.LedgerVerifier;
import org.seamless.privacy.ledger.VerificationResult;
import org.seamless.ops.tracking.Quarantine;
import org.seamless.testsupport.TestEnvironment;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two hub instances in one JVM, sharing one database (PostgreSQL when reachable, else the embedded
 * H2 file database: the console says which) and one broker (hub A's embedded Artemis; hub B connects
 * to it over TCP as an external broker): both consume every inbound address and run every adapter
 * and scheduled job. Proves the state they share lives in the database (ADR 0054): one ledger chain
 * from concurrent writers, tokens and assertion ids across instances, each job once per period, a
 * sink's delivered keys across instances, and a job lease taken over after its holder stops.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiHubIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Duration PERIOD = Duration.ofSeconds(2);
    private static final String AUDIENCE = "https://hubs.seamless.test/oauth2/token";
    private static final String CSV_SINK = "adapter-" + TestEnvironment.LA_CSV + "-csv-sink";
    private static final List<String> JOBS = List.of(CheckpointJob.JOB, FlagExpiryJob.JOB, LedgerVerificationJob.JOB,
            Quarantine.PURGE_JOB);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static TestEnvironment env;
    private static ECKey trustKey;
    private static Map<String, String> brokerPasswords;
    private static ConfigurableApplicationContext a;
    private static ConfigurableApplicationContext b;

    @BeforeAll
    static void startTwoHubs() throws Exception {
        env = TestEnvironment.create();
        trustKey = new ECKeyGenerator(Curve.P_384).keyID("trust-multi-hub").generate();
        brokerPasswords = new LinkedHashMap<>();
        for (String user : List.of(BrokerUsers.HUB, BrokerUsers.OPERATOR, "agency-" + TestEnvironment.TRUST,
                "agency-" + TestEnvironment.LA_CSV, "agency-" + TestEnvironment.LA_SOAP, "agency-" + TestEnvironment.CHARITY)) {
            brokerPasswords.put(user, secret());
        }
        Map<String, String> common = new LinkedHashMap<>(env.properties());
        brokerPasswords.forEach((user, pw) -> common.put("seamless.broker.passwords." + user, pw));
        common.put("server.port", "0");
        common.put("seamless.security.token-audience", AUDIENCE);
        common.put("seamless.security.clients." + TestEnvironment.TRUST + ".jwk", trustKey.toPublicJWK().toJSONString());
        common.put("seamless.ledger.checkpoint-interval", "2s");
        common.put("seamless.alerts.expiry-check-interval", "2s");
        common.put("seamless.ledger.verify-initial-delay", "PT0.5S");
        common.put("seamless.ledger.verify-interval", "PT2S");
        common.put("seamless.quarantine.purge-initial-delay", "PT0.5S");
        common.put("seamless.quarantine.purge-interval", "PT2S");
        // why: both hubs sign and read the one set of checkpoints (ADR 0054: shared volume in production)
        common.put("seamless.ledger.signing-key", env.dataDir().resolve("shared/keys/checkpoint.pk8").toString());
        common.put("seamless.ledger.checkpoint-dir", env.dataDir().resolve("shared/checkpoints").toString());
        common.put("logging.level.root", "WARN");

        Map<String, String> hubA = new LinkedHashMap<>(common);
        hubA.put("seamless.instance-id", "hub-a");
        a = start(hubA);

        Map<String, String> hubB = new LinkedHashMap<>(common);
        hubB.put("seamless.instance-id", "hub-b");
        hubB.put("seamless.data-dir", env.dataDir().resolve("hub-b").toString());
        hubB.put("seamless.broker.mode", "external");
        hubB.put("seamless.broker.url", "tcp://localhost:" + common.get("seamless.broker.tcp-port"));
        b = start(hubB);
    }

    private static ConfigurableApplicationContext start(Map<String, String> properties) {
        // why: command-line arguments outrank application.yml (builder properties would not)
        String[] cli = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(SeamlessApplication.class).run(cli);
    }

    @AfterAll
    static void stop() {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
        if (env != null) {
            env.close();
        }
    }

    @Test
    @Order(1)
    void concurrentLedgerAppendsFromBothHubsMakeOneChainWithoutForkOrGap() throws Exception {
        JdbcLedger ledgerA = a.getBean(JdbcLedger.class);
        JdbcLedger ledgerB = b.getBean(JdbcLedger.class);
        String run = UUID.randomUUID().toString().substring(0, 8);
        int perWriter = 60;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            JdbcLedger ledger = w % 2 == 0 ? ledgerA : ledgerB;
            int writer = w;
            writers.add(pool.submit(() -> {
                for (int i = 0; i < perWriter; i++) {
                    ledger.append(draft("multi-hub-" + run + "-" + writer + "-" + i));
                }
                return null;
            }));
        }
        for (Future<?> f : writers) {
            f.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();

        JdbcTemplate jdbc = jdbc();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ledger_entry WHERE message_id LIKE ?", Integer.class,
                "multi-hub-" + run + "-%")).isEqualTo(4 * perWriter);
        Map<String, Object> span = jdbc.queryForMap("SELECT COUNT(*) AS n, MIN(seq) AS lo, MAX(seq) AS hi FROM ledger_entry");
        long n = ((Number) span.get("n")).longValue();
        assertThat(((Number) span.get("lo")).longValue()).isEqualTo(1);
        assertThat(((Number) span.get("hi")).longValue()).as("no gap in the sequence").isEqualTo(n);
        assertThat(jdbc.queryForObject("SELECT last_seq FROM ledger_head WHERE id = 1", Long.class)).isEqualTo(n);
        assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT entry_hash) FROM ledger_entry", Long.class))
                .as("no fork: every entry has its own hash").isEqualTo(n);
        VerificationResult result = b.getBean(LedgerVerifier.class).verify(List.of());
        assertThat(result.intact()).as(result.describe()).isTrue();
        assertThat(result.entries()).isEqualTo(n);
    }

    @Test
    @Order(2)
    void aTokenFromHubAWorksAtHubBAndAnAssertionIdIsUsedOnceAcrossHubs() throws Exception {
        String assertion = assertion("jti-" + UUID.randomUUID());
        HttpResponse<String> issued = token(a, assertion);
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
        String accessToken = issued.body().replaceAll("(?s).*\"access_token\"\\s*:\\s*\"([^\"]+)\".*", "$1");

        HttpResponse<String> atB = HTTP.send(HttpRequest.newBuilder(uri(b, "/fhir/$process-message"))
                .timeout(Duration.ofSeconds(120)).header("Content-Type", "application/fhir+json")
                .header("Authorization", "Bearer " + accessToken)
                .POST(HttpRequest.BodyPublishers.ofString(TestNotices.discharge(8_400_001).json())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(atB.statusCode()).as("hub B accepts hub A's token").isEqualTo(200);

        HttpResponse<String> replayed = token(b, assertion);
        assertThat(replayed.statusCode()).as("the same assertion id at hub B").isEqualTo(401);
        assertThat(replayed.body()).contains("invalid_client");
        assertThat(token(a, assertion).statusCode()).as("and again at hub A").isEqualTo(401);
        assertThat(jdbc().queryForObject("SELECT COUNT(*) FROM access_token WHERE issued_by = 'hub-a'", Integer.class))
                .isEqualTo(1);
    }

    @Test
    @Order(3)
    void aSinkRecognisesAtHubBAMessageHubADeliveredBefore() throws Exception {
        CamelContext camelA = a.getBean(CamelContext.class);
        CamelContext camelB = b.getBean(CamelContext.class);
        camelA.getRouteController().stopRoute(CSV_SINK);
        camelB.getRouteController().stopRoute(CSV_SINK);
        TestNotices.Notice notice = TestNotices.discharge(8_400_002);
        HttpResponse<String> sent = HTTP.send(HttpRequest.newBuilder(uri(a, "/fhir/$process-message"))
                .timeout(Duration.ofSeconds(120)).header("Content-Type", "application/fhir+json")
                .header("X-API-Key", env.apiKey(TestEnvironment.TRUST))
                .POST(HttpRequest.BodyPublishers.ofString(notice.json())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);

        // the released message, taken off the outbound queue so the test can hand the same message to each hub
        Released released = takeReleased(notice.messageId());
        Path outbox = env.outbox(TestEnvironment.LA_CSV);
        Path csv = outbox.resolve("notice-" + TestEnvironment.TRUST + "_" + notice.messageId() + "-g0.csv");

        NotifyBuilder doneAtA = new NotifyBuilder(camelA).fromRoute(CSV_SINK).whenCompleted(1).create();
        resend(released, "first");
        camelA.getRouteController().startRoute(CSV_SINK);
        assertThat(doneAtA.matches(WAIT.toSeconds(), TimeUnit.SECONDS)).as("hub A delivered it").isTrue();
        camelA.getRouteController().stopRoute(CSV_SINK);
        assertThat(csv).exists();
        deleteNoticeFiles(outbox, notice.messageId());

        // the same message again (as after a crash between the file and the broker commit), now at hub B
        NotifyBuilder doneAtB = new NotifyBuilder(camelB).fromRoute(CSV_SINK).whenCompleted(1).create();
        resend(released, "again");
        camelB.getRouteController().startRoute(CSV_SINK);
        assertThat(doneAtB.matches(WAIT.toSeconds(), TimeUnit.SECONDS)).as("hub B consumed the repeat").isTrue();
        assertThat(csv).as("hub B knew the key hub A recorded and wrote nothing").doesNotExist();
        assertThat(jdbc().queryForObject("SELECT COUNT(*) FROM sink_delivered_key WHERE sink = ? AND delivery_key LIKE ?",
                Integer.class, TestEnvironment.LA_CSV + ":csv-sink", "%" + notice.messageId() + "%")).isEqualTo(1);
        camelA.getRouteController().startRoute(CSV_SINK);
    }

    @Test
    @Order(4)
    void eachScheduledJobRunsOncePerPeriodWithBothHubsUp() throws Exception {
        JdbcTemplate jdbc = jdbc();
        await().atMost(WAIT).untilAsserted(() -> {
            for (String job : JOBS) {
                assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM job_run WHERE job_name = ? AND outcome = 'DONE'",
                        Integer.class, job)).as(job).isGreaterThanOrEqualTo(5);
            }
        });
        a.getBean(ClusterJobs.class).destroy(); // why: stop ticking, so runs and the metric below are counted at rest
        b.getBean(ClusterJobs.class).destroy();
        for (String job : JOBS) {
            List<Instant> periods = jdbc.queryForList("SELECT period_start FROM job_run WHERE job_name = ?"
                    + " ORDER BY period_start", Timestamp.class, job).stream().map(Timestamp::toInstant).toList();
            assertThat(periods).as(job + ": one row per period").doesNotHaveDuplicates();
            long expected = Duration.between(periods.get(0), periods.get(periods.size() - 1)).dividedBy(PERIOD) + 1;
            assertThat(periods).as(job + ": a run in every period from the first to the last").hasSize((int) expected);
            System.out.println("[multi-hub] " + job + ": " + periods.size() + " periods, by instance "
                    + jdbc.queryForList("SELECT instance_id, COUNT(*) AS runs FROM job_run WHERE job_name = ?"
                    + " GROUP BY instance_id ORDER BY instance_id", job));
        }
        double verifications = verifications(a) + verifications(b);
        assertThat(verifications).as("ledger verifications run on either hub, counted by their metrics")
                .isEqualTo(jdbc.queryForObject("SELECT COUNT(*) FROM job_run WHERE job_name = ?", Integer.class,
                        LedgerVerificationJob.JOB).doubleValue());
    }

    @Test
    @Order(5)
    void aJobLeaseHeldByAStoppedInstanceIsTakenOverAfterItExpires() throws Exception {
        JdbcTemplate jdbc = jdbc();
        java.time.Clock clock = java.time.Clock.systemUTC();
        ClusterJobs stopped = new ClusterJobs(jdbc, new InstanceId("stopped-a"), clock);
        ClusterJobs survivor = new ClusterJobs(jdbc, new InstanceId("survivor-b"), clock);
        Duration lease = Duration.ofSeconds(3);
        CountDownLatch never = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        ClusterJobs.Job hung = new ClusterJobs.Job("takeover-probe", Duration.ofMillis(500), lease, () -> {
            started.countDown();
            awaitQuietly(never); // why: instance A stops mid-run: it never finishes and never gives the lease back
        });
        ClusterJobs.Job job = new ClusterJobs.Job("takeover-probe", Duration.ofMillis(500), lease, () -> {
        });
        Thread holder = new Thread(() -> stopped.runIfDue(hung), "stopped-instance");
        holder.setDaemon(true);
        holder.start();
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        Instant heldFrom = Instant.now();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> survivor.runIfDue(job));
        Instant takenAt = Instant.now();
        assertThat(Duration.between(heldFrom, takenAt)).as("not before the stopped holder's lease expired")
                .isGreaterThanOrEqualTo(lease.minusMillis(500));
        assertThat(jdbc.queryForList("SELECT instance_id || ':' || outcome FROM job_run WHERE job_name = 'takeover-probe'"
                + " ORDER BY period_start", String.class)).containsExactly("stopped-a:RUNNING", "survivor-b:DONE");
        never.countDown();
        holder.join(10_000);
    }

    // --- helpers ---

    private record Released(String body, boolean bytes, Map<String, Object> properties) {
    }

    private static Released takeReleased(String messageId) throws Exception {
        String user = "agency-" + TestEnvironment.LA_CSV;
        try (ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory(brokerUrl());
             Connection c = cf.createConnection(user, brokerPasswords.get(user))) {
            c.start();
            Session s = c.createSession(true, Session.SESSION_TRANSACTED);
            Queue q = s.createQueue("agency." + TestEnvironment.LA_CSV + ".outbound");
            try (MessageConsumer consumer = s.createConsumer(q)) {
                Message m;
                Map<String, Object> props;
                do { // why: skips what an earlier test released after the sinks stopped
                    m = consumer.receive(WAIT.toMillis());
                    assertThat(m).as("the notice was released to the CSV council").isNotNull();
                    props = new HashMap<>();
                    for (Object name : Collections.list(m.getPropertyNames())) {
                        String n = (String) name;
                        if (!n.startsWith("JMSX") && !n.startsWith("_AMQ")) {
                            props.put(n, m.getObjectProperty(n));
                        }
                    }
                } while (!props.containsValue(messageId));
                Released r;
                if (m instanceof TextMessage t) {
                    r = new Released(t.getText(), false, props);
                } else {
                    BytesMessage bm = (BytesMessage) m;
                    byte[] body = new byte[(int) bm.getBodyLength()];
                    bm.readBytes(body);
                    r = new Released(new String(body, StandardCharsets.UTF_8), true, props);
                }
                s.commit();
                return r;
            }
        }
    }

    /** Sends the released message to the outbound queue again, as the hub would, with a new duplicate id. */
    private static void resend(Released r, String copy) throws Exception {
        try (ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory(brokerUrl());
             Connection c = cf.createConnection(BrokerUsers.HUB, brokerPasswords.get(BrokerUsers.HUB))) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            try (MessageProducer p = s.createProducer(s.createQueue("agency." + TestEnvironment.LA_CSV + ".outbound"))) {
                Message m;
                if (r.bytes()) {
                    BytesMessage bm = s.createBytesMessage();
                    bm.writeBytes(r.body().getBytes(StandardCharsets.UTF_8));
                    m = bm;
                } else {
                    m = s.createTextMessage(r.body());
                }
                for (Map.Entry<String, Object> e : r.properties().entrySet()) {
                    m.setObjectProperty(e.getKey(), e.getValue());
                }
                m.setStringProperty("_AMQ_DUPL_ID", "multi-hub-test-" + copy + "-" + UUID.randomUUID());
                p.send(m);
            }
        }
    }

    private static void deleteNoticeFiles(Path outbox, String messageId) throws Exception {
        try (Stream<Path> files = Files.list(outbox)) {
            for (Path f : files.filter(f -> f.getFileName().toString().contains(messageId)).toList()) {
                Files.delete(f);
            }
        }
    }

    private static String brokerUrl() {
        return "tcp://localhost:" + env.properties().get("seamless.broker.tcp-port");
    }

    private static double verifications(ConfigurableApplicationContext ctx) {
        return ctx.getBean(MeterRegistry.class).find(LedgerVerificationJob.RUNS).counters().stream()
                .mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
    }

    private static JdbcTemplate jdbc() {
        return a.getBean(JdbcTemplate.class);
    }

    private static URI uri(ConfigurableApplicationContext ctx, String path) {
        return URI.create("http://localhost:" + ctx.getEnvironment().getProperty("local.server.port") + path);
    }

    private static HttpResponse<String> token(ConfigurableApplicationContext ctx, String assertion) throws Exception {
        String form = "grant_type=client_credentials&client_assertion_type="
                + URLEncoder.encode("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", StandardCharsets.UTF_8)
                + "&client_assertion=" + URLEncoder.encode(assertion, StandardCharsets.UTF_8);
        return HTTP.send(HttpRequest.newBuilder(uri(ctx, "/oauth2/token")).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String assertion(String jti) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(TestEnvironment.TRUST).subject(TestEnvironment.TRUST)
                .audience(AUDIENCE).expirationTime(Date.from(Instant.now().plus(Duration.ofMinutes(4)))).jwtID(jti).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES384).type(JOSEObjectType.JWT)
                .keyID(trustKey.getKeyID()).build(), claims);
        jwt.sign(new ECDSASigner(trustKey));
        return jwt.serialize();
    }

    private static LedgerEntry draft(String messageId) {
        Instant t = LedgerEntry.stored(Instant.now());
        return new LedgerEntry(0, EntryKind.DECISION, messageId, TestEnvironment.LA_CSV, 0, "discharge-notice",
                TestEnvironment.TRUST, "subject-index-test", "WITHHOLD", "adw-discharge-notice", "direct-care",
                "test", null, null, "MessageHeader", "digest-" + messageId, t, t, null);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        boolean interrupted = false;
        while (latch.getCount() > 0) {
            try {
                latch.await();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static String secret() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
