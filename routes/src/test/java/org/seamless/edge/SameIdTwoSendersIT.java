package org.seamless.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.message.NoticeDetails;
import org.seamless.mappings.testdata.TestNotices;
import org.seamless.testsupport.TestEnvironment;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Message ids are unique per sender only (ADR 0002): two trusts that happen to use the same
 * message id for two different patients' notices to the same council must both be delivered,
 * each exactly once, each under its own file, delivery record and ledger acknowledgement. And a sender
 * whose message the broker cannot store just now is told 503 with Retry-After, nothing is recorded for
 * it, and the same message sent again is accepted and delivered once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "seamless.demo.enabled=false")
class SameIdTwoSendersIT {
    static final TestEnvironment ENV = TestEnvironment.createWithSilentReadClinic();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final String SHARED_ID = "0b4f2a8e-7c1d-4e5a-9f3b-6d2c8a1e5f70";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void seamlessProperties(DynamicPropertyRegistry registry) {
        ENV.properties().forEach((k, v) -> registry.add(k, () -> v));
    }

    @Test
    void twoSendersUsingOneMessageIdAreBothDeliveredOnce() throws Exception {
        TestNotices.Notice first = notice(901, TestNotices.HOSPITAL_ODS);
        TestNotices.Notice second = notice(902, "TST05");

        assertThat(post(TestEnvironment.TRUST, first).statusCode()).isEqualTo(200);
        assertThat(post(TestEnvironment.SILENT_CLINIC, second).statusCode()).isEqualTo(200);

        // two files, one per sender (today the second notice is parked in the council's dead-letter queue)
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(noticeFiles()).hasSize(2));
        // each sender's notice is delivered to the council once, recorded under its own source
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT source_agency FROM delivery WHERE message_id = ? AND recipient_agency = ? AND state = 'DELIVERED'"
                        + " ORDER BY source_agency", String.class, SHARED_ID, TestEnvironment.LA_CSV))
                .containsExactlyInAnyOrder(TestEnvironment.TRUST, TestEnvironment.SILENT_CLINIC));
        List<Path> files = noticeFiles();
        assertThat(files).hasSize(2);
        String both = Files.readString(files.get(0)) + Files.readString(files.get(1));
        assertThat(both).contains(first.details().nhsNumber().value()).contains(second.details().nhsNumber().value());
        for (Path f : files) {
            // the file name names the sender and the message, and nothing about the person
            assertThat(f.getFileName().toString()).contains(SHARED_ID)
                    .doesNotContain(first.details().nhsNumber().value()).doesNotContain(second.details().nhsNumber().value());
        }
        // each release is acknowledged against its own sender's release in the ledger
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT source_agency FROM ledger_entry WHERE message_id = ? AND recipient_agency = ?"
                        + " AND entry_kind = 'ACKNOWLEDGEMENT' ORDER BY source_agency", String.class, SHARED_ID,
                TestEnvironment.LA_CSV)).containsExactlyInAnyOrder(TestEnvironment.TRUST, TestEnvironment.SILENT_CLINIC));
        // and nothing was parked
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM delivery_failure WHERE message_id = ?", Integer.class,
                SHARED_ID)).isZero();
    }

    // why: the broker's part (a failover's unknown outcome sent again, a broker that stays away) is proven against a
    // real broker in AdmissionPublisherTest; here the gate reports the broker away and the edge's answer is checked
    @org.springframework.test.context.bean.override.mockito.MockitoSpyBean
    BrokerInboundGate gate;

    @Test
    void aSenderIsToldToTryAgainWhileTheBrokerCannotStoreAndItsResendIsDeliveredOnce() throws Exception {
        TestNotices.Notice notice = TestNotices.of(TestNotices.details(SeamlessEvent.DISCHARGE_NOTICE, 903));
        String id = notice.messageId();
        org.mockito.Mockito.doThrow(new org.seamless.adapters.spi.InboundGate.Unavailable(
                        "the broker could not store the message (ADDRESS_FULL after 3 attempts)", 5, null))
                .doCallRealMethod()
                .when(gate).admit(org.mockito.ArgumentMatchers.argThat(s -> s != null
                        && org.seamless.mappings.message.MessageBundles.messageId(s.message()).orElse("").equals(id)));

        HttpResponse<String> tryLater = post(TestEnvironment.TRUST, notice);

        assertThat(tryLater.statusCode()).isEqualTo(503);
        assertThat(tryLater.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(tryLater.body()).contains("OperationOutcome").contains("transient").contains("Send the same message again")
                .doesNotContain(notice.details().nhsNumber().value());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM inbound_receipt WHERE message_id = ?", Integer.class, id))
                .as("no receipt for a message that was not accepted").isZero();

        assertThat(post(TestEnvironment.TRUST, notice).statusCode()).as("the same message sent again").isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "SELECT COUNT(*) FROM delivery WHERE message_id = ? AND state = 'DELIVERED'", Integer.class, id))
                .isEqualTo(1));
    }

    private List<Path> noticeFiles() throws Exception {
        try (Stream<Path> s = Files.list(ENV.outbox(TestEnvironment.LA_CSV))) {
            return s.filter(p -> p.getFileName().toString().startsWith("notice-")
                    && p.getFileName().toString().endsWith(".csv")).sorted().toList();
        }
    }

    private static TestNotices.Notice notice(long seed, String hospitalOds) {
        NoticeDetails d = TestNotices.details(SeamlessEvent.DISCHARGE_NOTICE, seed);
        return TestNotices.of(new NoticeDetails(SHARED_ID, d.event(), d.sentAt(), d.nhsNumber(), d.givenName(),
                d.familyName(), d.birthDate(), d.gender(), d.addressLines(), "Leeds", "LS7 2AD", d.phone(),
                d.encounterId(), d.admittedAt(), d.plannedDischargeDate(), hospitalOds, d.ward(),
                d.contactName(), d.contactPhone()));
    }

    private HttpResponse<String> post(String agency, TestNotices.Notice notice) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/fhir/$process-message"))
                .timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/fhir+json")
                .header("X-API-Key", ENV.apiKey(agency))
                .POST(HttpRequest.BodyPublishers.ofString(notice.json())).build(), HttpResponse.BodyHandlers.ofString());
    }
}
