package org.seamless.edge.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.seamless.adapters.mesh.MeshClient;
import org.seamless.adapters.mesh.MeshPoll;
import org.seamless.adapters.mesh.MeshSettings;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.registry.AgencyRegistry;
import org.seamless.mappings.alert.AlertMessages;
import org.seamless.mappings.alert.AlertType;
import org.seamless.mappings.alert.SocialCareAlert;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.mappings.message.NoticeDetails;
import org.seamless.mappings.testdata.TestNhsNumbers;
import org.seamless.mappings.testdata.TestNotices;
import org.seamless.ledger.HubAcknowledgements;
import org.seamless.ops.console.messages.MessageSearch;
import org.seamless.ops.console.messages.SearchCriteria;
import org.seamless.ops.tracking.MessageTracking;
import org.seamless.testsupport.TestEnvironment;
import org.seamless.testsupport.TestPki;
import org.seamless.testsupport.mesh.MeshMailbox;
import org.seamless.testsupport.mesh.MeshSimulator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 19, the {@code mesh} adapter type against the MESH API simulator (MESH API specification 2.0.0,
 * over HTTPS with a client certificate required): a council registered with the mesh adapter is sent
 * notices (chunked above the configured chunk size) through the privacy chain, and sends a social care
 * alert back (as a chunked MESH message). Each leg gets its tracking state: delivered once the council
 * collects it, undeliverable on a non-delivery report, undeliverable when it expires uncollected after 5 days.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "seamless.demo.enabled=false")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MeshTransportIT {
    static final String TRUST = "mesh-trust";
    static final String COUNCIL = "mesh-council";
    static final String HUB_MAILBOX = "X26SEAMLESS1";
    static final String COUNCIL_MAILBOX = "X26COUNCIL01";
    static final String NOTICES = "SEAMLESS_CARE_ACT";
    static final String ALERTS = "SEAMLESS_ALERT";
    static final String SHARED_SECRET = TestEnvironment.randomSecret();
    static final String HUB_PASSWORD = TestEnvironment.randomSecret();
    static final String COUNCIL_PASSWORD = TestEnvironment.randomSecret();
    static final TestPki PKI;
    static final MeshSimulator MESH;
    static final Path HUB_KEYS;
    static final Path COUNCIL_KEYS;
    static final Path TRUST_STORE;
    static final TestEnvironment ENV;

    static {
        try {
            PKI = TestPki.create("mesh-test-ca");
            MESH = MeshSimulator.https(SHARED_SECRET, PKI, true);
            MESH.register(MeshMailbox.of(HUB_MAILBOX, HUB_PASSWORD, "SEAML", NOTICES, ALERTS));
            MESH.register(MeshMailbox.of(COUNCIL_MAILBOX, COUNCIL_PASSWORD, "TST72", NOTICES, ALERTS));
            Path dir = Files.createTempDirectory("mesh-it-");
            HUB_KEYS = PKI.client("CN=" + HUB_MAILBOX + ",O=Seamless Test").writeKeyStore(dir.resolve("hub.p12"));
            COUNCIL_KEYS = PKI.client("CN=" + COUNCIL_MAILBOX + ",O=Seamless Test")
                    .writeKeyStore(dir.resolve("council.p12"));
            TRUST_STORE = PKI.writeTrustStore(dir.resolve("trust.p12"));
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
        ENV = TestEnvironment.create();
        ENV.withAgencies("""
                  - id: %1$s
                    kind: nhs-trust
                    ods-code: TST71
                    api-key-sha256: ${key:%1$s}
                    adapter:
                      type: nhs-fhir
                      params:
                        endpoint: http://localhost:{{local.server.port}}/demo/demo-trust/fhir
                        auth-token: %13$s
                    policy:
                      host-local-authority: %2$s
                      alert-subscriptions: [%2$s]
                  - id: %2$s
                    kind: local-authority
                    ods-code: TST72
                    api-key-sha256: ${key:%2$s}
                    adapter:
                      type: mesh
                      params:
                        base-url: %3$s
                        mailbox: %4$s
                        own-mailbox: %5$s
                        own-mailbox-password: %6$s
                        shared-secret: %7$s
                        key-store: %8$s
                        key-store-password: %9$s
                        trust-store: %10$s
                        trust-store-password: %9$s
                        workflow-ids: "*=%11$s, alert-access=%12$s"
                        poll-interval-ms: 250
                        chunk-size-bytes: 1024
                """.formatted(TRUST, COUNCIL, MESH.baseUrl(), COUNCIL_MAILBOX, HUB_MAILBOX, HUB_PASSWORD,
                SHARED_SECRET, HUB_KEYS, TestPki.password(), TRUST_STORE, NOTICES, ALERTS, ENV.trustAuthToken()), TRUST,
                COUNCIL);
    }

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final Duration LONG = Duration.ofSeconds(60);

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MessageTracking tracking;
    @Autowired
    AgencyRegistry registry;
    @Autowired
    CamelContext camel;
    @Autowired
    MessageSearch search;

    @DynamicPropertySource
    static void seamlessProperties(DynamicPropertyRegistry r) {
        ENV.properties().forEach((k, v) -> r.add(k, () -> v));
    }

    @AfterAll
    void stopPollingThenTheSimulator() throws Exception {
        // why: the context may outlive this class in the cache; its poll must not knock on a closed simulator
        camel.getRouteController().stopRoute("adapter-" + COUNCIL + "-mesh-poll");
        MESH.close();
    }

    @Test
    void aNoticeReachesTheCouncilsMailboxChunkedAndIsDeliveredOnceTheCouncilCollectsIt() throws Exception {
        TestNotices.Notice notice = noFixedAbode(1901);
        assertThat(post(notice.json()).statusCode()).isEqualTo(200);

        MeshSimulator.Held held = awaitInCouncilInbox(notice);
        assertThat(held.chunks()).as("larger than the 1 KiB chunk size: sent chunked").isGreaterThan(1);
        assertThat(held.workflowId()).isEqualTo(NOTICES);
        assertThat(held.from()).isEqualTo(HUB_MAILBOX);
        // the released message, whole, as the privacy chain let it go to the council
        assertThat(MessageBundles.messageId(MessageBundles.parse(new String(held.content(), StandardCharsets.UTF_8))))
                .contains(notice.messageId());
        // nothing personal in MESH's metadata
        for (String meta : new String[] {held.subject(), held.localId()}) {
            assertThat(meta).doesNotContain(notice.details().nhsNumber().value())
                    .doesNotContain(notice.details().familyName());
        }
        assertThat(held.localId()).contains(notice.messageId()).endsWith(":0");
        // in MESH, not yet collected: released, no acknowledgement yet. The hub records the pending transfer once
        // MESH has answered the send with its id, so the council's inbox may show the message a moment before that.
        await().atMost(LONG).until(() -> count("SELECT COUNT(*) FROM pending_transfer WHERE transfer_id = ?",
                held.messageId()) == 1);
        assertThat(state(notice)).isEqualTo("released");

        // the council collects it (its own MESH client) and acknowledges it
        MeshClient council = councilClient(100_000);
        assertThat(council.download(held.messageId()).orElseThrow().content()).isEqualTo(held.content());
        assertThat(council.acknowledge(held.messageId())).isTrue();

        await().atMost(LONG).until(() -> "delivered".equals(state(notice)));
        assertThat(count("SELECT COUNT(*) FROM ledger_entry WHERE message_id = ? AND recipient_agency = ?"
                + " AND entry_kind = 'RELEASE'", notice.messageId(), COUNCIL)).isEqualTo(1);
        assertThat(deliveryState(notice)).isEqualTo("DELIVERED");
        assertThat(count("SELECT COUNT(*) FROM pending_transfer WHERE transfer_id = ?", held.messageId())).isZero();
        assertThat(MESH.clientCertificateSubjects()).contains("CN=" + HUB_MAILBOX + ",O=Seamless Test")
                .doesNotContain("");
    }

    @Test
    void aNonDeliveryReportMakesTheLegUndeliverable() throws Exception {
        TestNotices.Notice notice = noFixedAbode(1902);
        MESH.failNextDeliveryTo(COUNCIL_MAILBOX, "14", "Undelivered message");
        assertThat(post(notice.json()).statusCode()).isEqualTo(200);

        await().atMost(LONG).until(() -> "undeliverable".equals(state(notice)));
        assertThat(deliveryState(notice)).isEqualTo("UNDELIVERABLE");
        assertThat(deliveryDetail(notice)).contains(MeshPoll.NOT_DELIVERED).doesNotContain("expired");
        assertThat(ledgerAcknowledgement(notice)).isEqualTo("UNDELIVERABLE");
        // the operator is alerted: nothing resends it
        await().atMost(LONG).until(() -> count("SELECT COUNT(*) FROM operator_alert WHERE agency_id = ? AND code = ?"
                + " AND detail LIKE ?", COUNCIL, HubAcknowledgements.UNDELIVERABLE_ALERT,
                "%" + notice.messageId() + "%") == 1);
        // the console's message search finds it under its own state
        var rows = search.search(new SearchCriteria(Optional.of(notice.messageId()), Optional.empty(),
                SearchCriteria.AgencyRole.SENDER, Optional.empty(), Optional.of(SearchCriteria.State.UNDELIVERABLE),
                Optional.empty(), Optional.empty()), Optional.empty(), MessageSearch.PAGE_SIZE).rows();
        assertThat(rows).singleElement().satisfies(r -> assertThat(r.legs())
                .anyMatch(l -> l.recipient().equals(COUNCIL) && l.state().equals("undeliverable")));
        // MESH's report was collected and acknowledged, never handed to the hub as a message
        await().atMost(LONG).until(() -> MESH.inbox(HUB_MAILBOX).isEmpty());
        assertThat(MESH.acknowledgedBy(HUB_MAILBOX)).anyMatch(h -> "REPORT".equals(h.messageType()));
    }

    @Test
    void aNoticeTheCouncilDoesNotCollectWithinFiveDaysExpiresAndIsUndeliverable() throws Exception {
        TestNotices.Notice notice = noFixedAbode(1903);
        assertThat(post(notice.json()).statusCode()).isEqualTo(200);
        awaitInCouncilInbox(notice);

        MESH.advanceClock(Duration.ofDays(5).plusMinutes(1));

        await().atMost(LONG).until(() -> "undeliverable".equals(state(notice)));
        assertThat(deliveryDetail(notice)).contains(MeshPoll.EXPIRED).contains("status 14");
        assertThat(ledgerAcknowledgement(notice)).isEqualTo("UNDELIVERABLE");
        assertThat(MESH.inbox(COUNCIL_MAILBOX)).noneMatch(h -> h.localId().contains(notice.messageId()));
    }

    @Test
    void anAlertTheCouncilSendsChunkedIsCollectedAdmittedAndAcknowledged() throws Exception {
        AgencyConfig la = registry.get(COUNCIL);
        SocialCareAlert alert = new SocialCareAlert(la.id(), la.odsCode(), la.name(), "MESH-CP-1",
                TestNhsNumbers.distinct(1904, 1).get(0), AlertType.CHILD_PROTECTION_PLAN, LocalDate.now().minusDays(10),
                null,
                null, false, "Team M", "01632 960001");
        String messageId = UUID.randomUUID().toString();
        String json = MessageBundles.toJson(AlertMessages.message(alert, SeamlessEvent.ALERT_START, messageId,
                Instant.now(), LocalDate.now()));

        String meshId = councilClient(1024).send(new MeshClient.Outgoing(HUB_MAILBOX, ALERTS, "alert-1",
                "Seamless alert", "application/fhir+json", json.getBytes(StandardCharsets.UTF_8)));
        assertThat(MESH.message(meshId).orElseThrow().chunks()).isGreaterThan(1);

        await().atMost(LONG).until(() -> count("SELECT COUNT(*) FROM inbound_receipt WHERE message_id = ?"
                + " AND source_agency = ?", messageId, COUNCIL) == 1);
        await().atMost(LONG).until(() -> count("SELECT COUNT(*) FROM alert_flag WHERE owner_agency = ?", COUNCIL) == 1);
        // and on through the privacy chain to the trust that subscribes to the council's alerts
        await().atMost(LONG).until(() -> count("SELECT COUNT(*) FROM delivery WHERE message_id = ? AND recipient_agency = ?"
                + " AND state = 'DELIVERED'", messageId, TRUST) == 1);
        await().atMost(LONG).until(() -> MESH.acknowledgedBy(HUB_MAILBOX).stream()
                .anyMatch(h -> h.messageId().equals(meshId)));
        assertThat(MESH.authRefusals()).isEmpty();
        assertThat(MESH.serverErrors()).isZero();
    }

    @Test
    void contentThatIsNotAFhirMessageIsKeptAsRejectedInputAndAcknowledged() throws Exception {
        String meshId = councilClient(100_000).send(new MeshClient.Outgoing(HUB_MAILBOX, ALERTS, "garbage-1",
                "Seamless alert", "text/plain", "not a FHIR message".getBytes(StandardCharsets.UTF_8)));

        await().atMost(LONG).until(() -> MESH.acknowledgedBy(HUB_MAILBOX).stream()
                .anyMatch(h -> h.messageId().equals(meshId)));
        assertThat(count("SELECT COUNT(*) FROM quarantine WHERE source_agency = ? AND edge = 'mesh'", COUNCIL))
                .isPositive();
    }

    private MeshSimulator.Held awaitInCouncilInbox(TestNotices.Notice notice) {
        await().atMost(LONG).until(() -> MESH.inbox(COUNCIL_MAILBOX).stream()
                .anyMatch(h -> h.localId() != null && h.localId().contains(notice.messageId())));
        return MESH.inbox(COUNCIL_MAILBOX).stream().filter(h -> h.localId().contains(notice.messageId())).findFirst()
                .orElseThrow();
    }

    private static MeshClient councilClient(int chunkSize) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("base-url", MESH.baseUrl());
        p.put("mailbox", HUB_MAILBOX);
        p.put("own-mailbox", COUNCIL_MAILBOX);
        p.put("own-mailbox-password", COUNCIL_PASSWORD);
        p.put("shared-secret", SHARED_SECRET);
        p.put("key-store", COUNCIL_KEYS.toString());
        p.put("key-store-password", TestPki.password());
        p.put("trust-store", TRUST_STORE.toString());
        p.put("trust-store-password", TestPki.password());
        p.put("workflow-ids", "*=" + ALERTS);
        p.put("chunk-size-bytes", Integer.toString(chunkSize));
        return new MeshClient(MeshSettings.of("test-council", p));
    }

    private String state(TestNotices.Notice notice) {
        return tracking.track(notice.messageId(), TRUST).flatMap(m -> m.recipients().stream()
                .filter(l -> l.agency().equals(COUNCIL)).findFirst()).map(MessageTracking.LegView::state).orElse("");
    }

    private String deliveryState(TestNotices.Notice notice) {
        return one("SELECT state FROM delivery WHERE message_id = ? AND recipient_agency = ?", notice);
    }

    private String deliveryDetail(TestNotices.Notice notice) {
        return one("SELECT detail FROM delivery WHERE message_id = ? AND recipient_agency = ?", notice);
    }

    private String ledgerAcknowledgement(TestNotices.Notice notice) {
        return one("SELECT outcome FROM ledger_entry WHERE message_id = ? AND recipient_agency = ?"
                + " AND entry_kind = 'ACKNOWLEDGEMENT'", notice);
    }

    private String one(String sql, TestNotices.Notice notice) {
        List<String> found = jdbc.queryForList(sql, String.class, notice.messageId(), COUNCIL);
        return found.isEmpty() ? null : found.get(0);
    }

    private long count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Long.class, args);
    }

    /** A discharge notice from the MESH trust for a patient of no fixed abode: it goes to the trust's host council. */
    private static TestNotices.Notice noFixedAbode(long seed) {
        NoticeDetails d = TestNotices.details(SeamlessEvent.DISCHARGE_NOTICE, seed);
        return TestNotices.of(new NoticeDetails(d.messageId(), d.event(), d.sentAt(), d.nhsNumber(), d.givenName(),
                d.familyName(), d.birthDate(), d.gender(), d.addressLines(), d.city(), "ZZ99 3VZ", d.phone(),
                d.encounterId(), d.admittedAt(), d.plannedDischargeDate(), "TST71", d.ward(), d.contactName(),
                d.contactPhone()));
    }

    private HttpResponse<String> post(String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/fhir/$process-message"))
                .timeout(Duration.ofSeconds(120)).header("Content-Type", "application/fhir+json")
                .header("X-API-Key", ENV.apiKey(TRUST)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
