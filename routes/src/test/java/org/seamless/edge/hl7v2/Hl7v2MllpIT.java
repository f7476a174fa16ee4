package org.seamless.edge.hl7v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seamless.adapters.nhshl7v2.NhsHl7v2AdapterType;
import org.seamless.app.demo.hl7v2.PasAdtStream;
import org.seamless.app.demo.hl7v2.PasAdtStream.Adt;
import org.seamless.app.demo.hl7v2.PasAdtStream.Expect;
import org.seamless.testsupport.MllpTestClient;
import org.seamless.testsupport.TestEnvironment;
import org.seamless.testsupport.TestPki;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 19 acceptance, in process: a trust's PAS sends a realistic ADT stream over MLLP (Camel's MLLP
 * producer) to the nhs-hl7v2 adapter, over plain TCP and over TLS with a client certificate. Each message
 * gets the acknowledgement its content deserves (AA only once the notice is durable; AE/AR with the ERR
 * segment naming the field), the notices reach the councils of the patients' residence through the hub and
 * the privacy chain once each, what raises no notice is counted, bad input is kept, and a repeated MSH-10
 * is answered AA without a second notice.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "seamless.demo.enabled=false")
class Hl7v2MllpIT {
    static final String TRUST = "hl7-trust";
    static final String TLS_TRUST = "hl7-trust-tls";
    static final String TLS_OTHER = "hl7-trust-tls-other";
    static final int TCP_PORT = freePort();
    static final int TLS_PORT = freePort();
    static final TestPki PKI = pki();
    static final Path TLS_DIR = tempDirFor();
    static final TestEnvironment ENV = TestEnvironment.create()
            .withAgencies("""
                      - id: %1$s
                        kind: nhs-trust
                        ods-code: RHL71
                        adapter:
                          type: nhs-hl7v2
                          params:
                            port: "%4$d"
                            bind-address: 127.0.0.1
                            notice-wards: "%6$s"
                        policy:
                          host-local-authority: demo-la-csv
                      - id: %2$s
                        kind: nhs-trust
                        ods-code: RHL72
                        adapter:
                          type: nhs-hl7v2
                          params:
                            port: "%5$d"
                            bind-address: 127.0.0.1
                            notice-wards: "%6$s"
                            tls-keystore: %7$s/server.p12
                            tls-keystore-password: %8$s
                            tls-truststore: %7$s/ca.p12
                            tls-truststore-password: %8$s
                            tls-client-subject: "CN=%2$s,O=Seamless Test"
                        policy:
                          host-local-authority: demo-la-csv
                      - id: %3$s
                        kind: nhs-trust
                        ods-code: RHL73
                        adapter:
                          type: nhs-hl7v2
                          params:
                            port: "%5$d"
                            bind-address: 127.0.0.1
                            tls-keystore: %7$s/server.p12
                            tls-keystore-password: %8$s
                            tls-truststore: %7$s/ca.p12
                            tls-truststore-password: %8$s
                            tls-client-subject: "CN=%3$s,O=Seamless Test"
                        policy:
                          host-local-authority: demo-la-csv
                    """.formatted(TRUST, TLS_TRUST, TLS_OTHER, TCP_PORT, TLS_PORT, PasAdtStream.NOTICE_WARDS,
                    TLS_DIR.toAbsolutePath(), TestPki.password()));

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void seamlessProperties(DynamicPropertyRegistry registry) {
        ENV.properties().forEach((k, v) -> registry.add(k, () -> v));
    }

    @Test
    void fiveHundredAdtMessagesOverTcpGiveTheRightAnswersAndEachNoticeOnce() {
        List<Adt> stream = new PasAdtStream("RHL71", "TCP", LocalDateTime.now(ZoneId.of("Europe/London")), 19)
                .generate(500, 30);
        Map<String, String> acks = new HashMap<>();
        try (MllpTestClient client = new MllpTestClient(TCP_PORT)) {
            for (Adt m : stream) {
                acks.put(m.controlId(), client.send(m.text()));
            }
            assertAnswers(stream, acks);

            List<Adt> notices = stream.stream().filter(m -> m.expect() == Expect.NOTICE).toList();
            assertThat(notices.size()).isGreaterThan(150);
            awaitDeliveredOnce(TRUST, notices);

            // a repeat of an accepted MSH-10 (the PAS did not see our ACK) is AA again and no second notice
            double duplicatesBefore = duplicates();
            for (Adt m : notices.subList(0, 20)) {
                assertThat(MllpTestClient.code(client.send(m.text()))).isEqualTo("AA");
            }
            assertThat(duplicates() - duplicatesBefore).isEqualTo(20);
            // the same MSH-10 with other content is an error naming MSH-10
            Adt first = notices.get(0);
            String changed = client.send(first.text().replace(" Park View^", " Park Road^"));
            assertThat(MllpTestClient.code(changed)).as(changed).isEqualTo("AE");
            assertThat(changed).contains("ERR|MSH^1^10");
            awaitDeliveredOnce(TRUST, notices);
        }
        // every bad message kept, by its reason; nothing kept for the ones answered AA
        long bad = stream.stream().filter(m -> m.expect() == Expect.AE || m.expect() == Expect.AR).count();
        assertThat(bad).isEqualTo(30);
        List<String> reasons = jdbc.queryForList("SELECT reason_code FROM quarantine WHERE source_agency = ?"
                + " AND edge = 'nhs-hl7v2'", String.class, TRUST);
        assertThat(reasons).hasSize(31); // the 30 and the changed repeat
        assertThat(reasons).containsAll(stream.stream().filter(m -> m.expect() == Expect.AE || m.expect() == Expect.AR)
                .map(Adt::reason).toList());
        // what raised no notice is counted by trigger and reason
        long dropped = stream.stream().filter(m -> m.expect() == Expect.DROPPED).count();
        double counted = meters.find("seamless.hl7v2.messages").tag("agency", TRUST).tag("outcome", "dropped")
                .counters().stream().mapToDouble(Counter::count).sum();
        assertThat(counted).isEqualTo(dropped);
    }

    private double duplicates() {
        return meters.find("seamless.hl7v2.messages").tag("agency", TRUST).tag("outcome", "duplicate")
                .counters().stream().mapToDouble(Counter::count).sum();
    }

    @Test
    void overTlsTheClientCertificateAndMsh4IdentifyTheTrustOnASharedPort() throws Exception {
        List<Adt> stream = new PasAdtStream("RHL72", "TLS", LocalDateTime.now(ZoneId.of("Europe/London")), 20)
                .generate(60, 15);
        Path clientKeys = PKI.client("CN=" + TLS_TRUST + ",O=Seamless Test").writeKeyStore(TLS_DIR.resolve("client.p12"));
        Path otherKeys = PKI.client("CN=" + TLS_OTHER + ",O=Seamless Test").writeKeyStore(TLS_DIR.resolve("other.p12"));
        Path ca = TLS_DIR.resolve("ca.p12");
        Map<String, String> acks = new HashMap<>();
        try (MllpTestClient client = new MllpTestClient(TLS_PORT, clientKeys, ca)) {
            for (Adt m : stream) {
                acks.put(m.controlId(), client.send(m.text()));
            }
        }
        assertAnswers(stream, acks);
        awaitDeliveredOnce(TLS_TRUST, stream.stream().filter(m -> m.expect() == Expect.NOTICE).toList());

        // the other trust's certificate with this trust's MSH-4: not identified, refused, nothing accepted
        Adt claimed = new PasAdtStream("RHL72", "CLAIM", LocalDateTime.now(ZoneId.of("Europe/London")), 21).good(0);
        try (MllpTestClient other = new MllpTestClient(TLS_PORT, otherKeys, ca)) {
            String ack = other.send(claimed.text());
            assertThat(MllpTestClient.code(ack)).isEqualTo("AR");
            assertThat(ack).contains("ERR|MSH^1^4");
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM inbound_receipt WHERE message_id IN (?, ?)", Integer.class,
                NhsHl7v2AdapterType.messageId(TLS_TRUST, claimed.controlId()),
                NhsHl7v2AdapterType.messageId(TLS_OTHER, claimed.controlId()))).isZero();
        // without a client certificate there is no conversation at all
        try (MllpTestClient anonymous = new MllpTestClient(TLS_PORT, null, ca)) {
            assertThatThrownBy(() -> anonymous.send(claimed.text())).isInstanceOf(RuntimeException.class);
        }
    }

    @Test
    void theDemoPasSimulatorsSenderSpeaksMllpToTheListener() throws Exception {
        Adt admission = new PasAdtStream("RHL71", "SIM", LocalDateTime.now(ZoneId.of("Europe/London")), 22).good(0);
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", TCP_PORT)) {
            socket.setSoTimeout(120_000);
            String ack = org.seamless.app.demo.hl7v2.DemoPasSimulator.send(socket, admission.text());
            assertThat(MllpTestClient.code(ack)).isEqualTo("AA");
            assertThat(org.seamless.app.demo.hl7v2.DemoPasSimulator.send(socket, admission.text())).contains("MSA|AA|SIM-0");
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM inbound_receipt WHERE message_id = ?", Integer.class,
                NhsHl7v2AdapterType.messageId(TRUST, admission.controlId()))).isEqualTo(1);
    }

    private static void assertAnswers(List<Adt> stream, Map<String, String> acks) {
        List<String> wrong = new ArrayList<>();
        for (Adt m : stream) {
            String ack = acks.get(m.controlId());
            String expected = switch (m.expect()) {
                case NOTICE, DROPPED -> "AA";
                case AE -> "AE";
                case AR -> "AR";
            };
            if (ack == null || !MllpTestClient.code(ack).equals(expected)
                    || (m.errLocation() != null && !ack.contains("ERR|" + m.errLocation()))) {
                wrong.add(m + " (" + m.reason() + ") got " + (ack == null ? null : ack.replace('\r', '/')));
            }
        }
        assertThat(wrong).isEmpty();
    }

    /** Each notice has one release in the ledger and one delivery to the council of the patient's postcode. */
    private void awaitDeliveredOnce(String agency, List<Adt> notices) {
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            for (Adt m : notices) {
                String id = NhsHl7v2AdapterType.messageId(agency, m.controlId());
                String la = PasAdtStream.SOAP_LA_POSTCODE.equals(m.postcode()) ? TestEnvironment.LA_SOAP
                        : TestEnvironment.LA_CSV;
                assertThat(jdbc.queryForList("SELECT state FROM delivery WHERE message_id = ? AND recipient_agency = ?",
                        String.class, id, la)).as(m.toString()).containsExactly("DELIVERED");
            }
        });
        for (Adt m : notices) {
            String id = NhsHl7v2AdapterType.messageId(agency, m.controlId());
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ledger_entry WHERE message_id = ?"
                    + " AND entry_kind = 'RELEASE'", Integer.class, id)).as(m.toString()).isEqualTo(1);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM inbound_receipt WHERE message_id = ?", Integer.class,
                    id)).isEqualTo(1);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path tempDir() {
        try {
            return java.nio.file.Files.createTempDirectory("hl7v2-tls-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TestPki pki() {
        try {
            TestPki pki = TestPki.create("HL7 test CA");
            Path dir = tempDirFor();
            pki.server().writeKeyStore(dir.resolve("server.p12"));
            pki.writeTrustStore(dir.resolve("ca.p12"));
            return pki;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path sharedDir;

    private static synchronized Path tempDirFor() {
        if (sharedDir == null) {
            sharedDir = tempDir();
        }
        return sharedDir;
    }
}
