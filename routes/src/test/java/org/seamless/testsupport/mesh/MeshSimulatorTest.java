package org.seamless.testsupport.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.seamless.testsupport.TestPki;

/** The MESH simulator driven over HTTP as a MESH client would, with its own NHSMESH token builder. */
class MeshSimulatorTest {
    private static final String NOTICES = "SEAMLESS_NOTICE";
    private static final String ALERTS = "SEAMLESS_ALERT";
    private static final String V2 = "application/vnd.mesh.v2+json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String sharedSecret = secret();
    private final MeshMailbox trust = MeshMailbox.of("X26TRUST01", secret(), "RX1", NOTICES, ALERTS);
    private final MeshMailbox council = MeshMailbox.of("X26LA0001", secret(), "A91", NOTICES);
    private MeshSimulator sim;
    private HttpClient http;

    @BeforeEach
    void start() throws Exception {
        sim = MeshSimulator.http(sharedSecret);
        sim.register(trust);
        sim.register(council);
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterEach
    void stop() {
        sim.close();
        assertThat(sim.serverErrors()).isZero();
    }

    @Test
    void aMessageIsSentDownloadedAndAcknowledgedAndTrackedThroughItsStates() throws Exception {
        assertThat(call(handshake(trust)).statusCode()).isEqualTo(200);
        assertThat(sim.handshakes(trust.id())).isEqualTo(1);
        String id = sent(send(trust, council.id(), NOTICES, "notice-1", "hello council"));
        assertThat(id).matches("\\d{20}_[0-9A-F]{6}");
        assertThat(json(get(trust, "/outbox/tracking?messageID=" + id)).get("status").asText()).isEqualTo("accepted");

        assertThat(json(get(council, "/inbox")).get("messages")).extracting(JsonNode::asText).containsExactly(id);
        assertThat(json(get(council, "/count")).get("count").asInt()).isEqualTo(1);
        HttpResponse<byte[]> head = call(request(council, "/inbox/" + id).method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("mex-messagetype")).hasValue("DATA");
        HttpResponse<byte[]> got = call(request(council, "/inbox/" + id).GET());
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(new String(got.body(), StandardCharsets.UTF_8)).isEqualTo("hello council");
        assertThat(got.headers().firstValue("mex-from")).hasValue(trust.id());
        assertThat(got.headers().firstValue("mex-to")).hasValue(council.id());
        assertThat(got.headers().firstValue("mex-workflowid")).hasValue(NOTICES);
        assertThat(got.headers().firstValue("mex-localid")).hasValue("notice-1");
        assertThat(got.headers().firstValue("mex-messageid")).hasValue(id);
        assertThat(got.headers().firstValue("mex-chunk-range")).hasValue("1:1");

        assertThat(call(request(council, "/inbox/" + id + "/status/acknowledged")
                .PUT(HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(200);
        assertThat(json(get(council, "/inbox")).get("messages")).isEmpty();
        assertThat(call(request(council, "/inbox/" + id).GET()).statusCode()).isEqualTo(410);
        JsonNode tracking = json(get(trust, "/outbox/tracking?messageID=" + id));
        assertThat(tracking.get("status").asText()).isEqualTo("acknowledged");
        assertThat(tracking.get("recipient").asText()).isEqualTo(council.id());
        assertThat(sim.acknowledgedBy(council.id())).extracting(MeshSimulator.Held::messageId).containsExactly(id);
        // the other mailbox cannot see or track it
        assertThat(call(request(council, "/outbox/tracking?messageID=" + id).GET()).statusCode()).isEqualTo(404);
    }

    @Test
    void aChunkedMessageIsDeliveredOnlyWhenAllThreeChunksArrivedAndDownloadsChunkByChunk() throws Exception {
        String id = sent(call(request(trust, "/outbox").header("mex-to", council.id()).header("mex-workflowid", NOTICES)
                .header("mex-chunk-range", "1:3").header("mex-filename", "big.txt")
                .POST(HttpRequest.BodyPublishers.ofString("part one;"))));
        assertThat(json(get(trust, "/outbox/tracking?messageID=" + id)).get("status").asText()).isEqualTo("uploading");
        assertThat(call(chunk(trust, id, 2, "2:3", "part two;")).statusCode()).isEqualTo(202);
        assertThat(json(get(council, "/inbox")).get("messages")).isEmpty();
        assertThat(call(chunk(trust, id, 3, "2:3", "x")).statusCode()).isEqualTo(417); // range disagrees with the path
        assertThat(call(chunk(trust, id, 3, "3:3", "part three")).statusCode()).isEqualTo(202);
        assertThat(call(chunk(trust, id, 3, "3:3", "again")).statusCode()).isEqualTo(423);

        assertThat(json(get(council, "/inbox")).get("messages")).extracting(JsonNode::asText).containsExactly(id);
        StringBuilder whole = new StringBuilder();
        HttpResponse<byte[]> first = call(request(council, "/inbox/" + id).GET());
        assertThat(first.statusCode()).isEqualTo(206);
        assertThat(first.headers().firstValue("mex-chunk-range")).hasValue("1:3");
        whole.append(new String(first.body(), StandardCharsets.UTF_8));
        for (int n = 2; n <= 3; n++) {
            HttpResponse<byte[]> part = call(request(council, "/inbox/" + id + "/" + n).GET());
            assertThat(part.statusCode()).isEqualTo(n < 3 ? 206 : 200);
            assertThat(part.headers().firstValue("mex-chunk-range")).hasValue(n + ":3");
            whole.append(new String(part.body(), StandardCharsets.UTF_8));
        }
        assertThat(whole.toString()).isEqualTo("part one;part two;part three");
        assertThat(call(request(council, "/inbox/" + id + "/4").GET()).statusCode()).isEqualTo(404);
    }

    @Test
    void aMessageNotAcknowledgedWithinFiveDaysExpiresAndItsSenderGetsAnErrorReport() throws Exception {
        String id = sent(send(trust, council.id(), NOTICES, "notice-exp", "never collected"));
        sim.advanceClock(Duration.ofDays(4));
        assertThat(json(get(council, "/inbox")).get("messages")).hasSize(1);
        sim.advanceClock(Duration.ofDays(1).plusMinutes(1));

        assertThat(json(get(council, "/inbox")).get("messages")).isEmpty();
        assertThat(call(request(council, "/inbox/" + id).GET()).statusCode()).isEqualTo(410);
        JsonNode reports = json(get(trust, "/inbox")).get("messages");
        assertThat(reports).hasSize(1);
        HttpResponse<byte[]> report = call(request(trust, "/inbox/" + reports.get(0).asText()).GET());
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.body()).isEmpty();
        assertThat(report.headers().firstValue("mex-messagetype")).hasValue("REPORT");
        assertThat(report.headers().firstValue("mex-statuscode")).hasValue("14");
        assertThat(report.headers().firstValue("mex-statussuccess")).hasValue("ERROR");
        assertThat(report.headers().firstValue("mex-linkedmsgid")).hasValue(id);
        assertThat(report.headers().firstValue("mex-localid")).hasValue("notice-exp");
        assertThat(report.headers().firstValue("mex-workflowid")).hasValue(NOTICES);
        assertThat(report.headers().firstValue("mex-to")).hasValue(council.id());
        assertThat(report.headers().firstValue("mex-statusevent")).isPresent();
        assertThat(report.headers().firstValue("mex-statustimestamp")).isPresent();
        JsonNode tracking = json(get(trust, "/outbox/tracking?messageID=" + id));
        assertThat(tracking.get("status").asText()).isEqualTo("undeliverable");
        assertThat(tracking.get("status_code").asText()).isEqualTo("14");
        assertThat(tracking.get("status_success").asBoolean()).isFalse();

        sim.advanceClock(Duration.ofDays(30));
        assertThat(call(request(council, "/inbox/" + id).GET()).statusCode()).isEqualTo(404); // purged
    }

    @Test
    void anInjectedNonDeliveryBecomesAnErrorReportToTheSenderAndNothingForTheRecipient() throws Exception {
        sim.failNextDeliveryTo(council.id(), "14", "Undelivered message");
        String failed = sent(send(trust, council.id(), NOTICES, "notice-nd", "lost"));
        String next = sent(send(trust, council.id(), NOTICES, "notice-ok", "arrives"));

        assertThat(json(get(council, "/inbox")).get("messages")).extracting(JsonNode::asText).containsExactly(next);
        assertThat(sim.inbox(trust.id())).singleElement().satisfies(r -> {
            assertThat(r.messageType()).isEqualTo("REPORT");
            assertThat(r.linkedMessageId()).isEqualTo(failed);
            assertThat(r.statusCode()).isEqualTo("14");
        });
        assertThat(json(get(trust, "/outbox/tracking?messageID=" + failed)).get("status").asText())
                .isEqualTo("undeliverable");
        assertThat(json(get(trust, "/outbox/tracking?messageID=" + next)).get("status").asText()).isEqualTo("accepted");
    }

    @Test
    void aReplayedTokenAWrongPasswordAnOldTimestampAndAnotherMailboxesPathAreRefused() throws Exception {
        String nonce = UUID.randomUUID().toString();
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        String token = token(trust.id(), trust.password(), now, nonce, 1);
        assertThat(call(plain("/messageexchange/" + trust.id() + "/inbox").header("Authorization", token)).statusCode())
                .isEqualTo(200);
        assertThat(call(plain("/messageexchange/" + trust.id() + "/inbox").header("Authorization", token)).statusCode())
                .isEqualTo(403);
        // the same nonce with the next nonce_count is a new token, as the specification allows
        assertThat(call(plain("/messageexchange/" + trust.id() + "/inbox")
                .header("Authorization", token(trust.id(), trust.password(), now, nonce, 2))).statusCode()).isEqualTo(200);
        assertThat(call(plain("/messageexchange/" + trust.id() + "/inbox")
                .header("Authorization", token(trust.id(), "wrong", ZonedDateTime.now(ZoneOffset.UTC)))).statusCode())
                .isEqualTo(403);
        assertThat(call(plain("/messageexchange/" + trust.id() + "/inbox").header("Authorization",
                token(trust.id(), trust.password(), ZonedDateTime.now(ZoneOffset.UTC).minusHours(3)))).statusCode())
                .isEqualTo(403);
        assertThat(call(plain("/messageexchange/" + council.id() + "/inbox")
                .header("Authorization", token(trust.id(), trust.password(), ZonedDateTime.now(ZoneOffset.UTC))))
                .statusCode()).isEqualTo(403);
        assertThat(call(plain("/messageexchange/" + trust.id() + "/inbox")).statusCode()).isEqualTo(403);
        assertThat(sim.authRefusals()).containsExactly("REPLAYED", "BAD_HASH", "OUTSIDE_WINDOW", "MAILBOX_MISMATCH",
                "MISSING");
    }

    @Test
    void malformedTokensAndUnknownPathsGetTheirOwnRefusalNeverAServerError() throws Exception {
        String ts = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMddHHmm"));
        String inbox = "/messageexchange/" + trust.id() + "/inbox";
        for (String header : new String[] {"Basic dXNlcjpwYXNz", "NHSMESH " + trust.id() + ":n:0:" + ts + ":ab:extra",
                "NHSMESH " + trust.id() + ":n",
                "NHSMESH " + trust.id() + ":n:x:" + ts + ":ab", "NHSMESH " + trust.id() + ":n:0:2026-01-01:ab"}) {
            assertThat(call(plain(inbox).header("Authorization", header)).statusCode()).as(header).isEqualTo(403);
        }
        assertThat(call(plain("/messageexchange/X26NOBODY/inbox")
                .header("Authorization", token("X26NOBODY", "pw", ZonedDateTime.now(ZoneOffset.UTC)))).statusCode())
                .isEqualTo(403);
        assertThat(sim.authRefusals()).containsExactly("NOT_NHSMESH", "MALFORMED", "MALFORMED", "BAD_NONCE_COUNT",
                "BAD_TIMESTAMP", "UNKNOWN_MAILBOX");
        assertThat(call(request(trust, "/inbox/20260101000000000000_ABCDEF").GET()).statusCode()).isEqualTo(404);
        assertThat(call(request(trust, "/inbox/20260101000000000000_ABCDEF/99999999999").GET()).statusCode())
                .isEqualTo(404);
        assertThat(call(request(trust, "/outbox/20260101000000000000_ABCDEF/2").POST(HttpRequest.BodyPublishers
                .ofString("x"))).statusCode()).isEqualTo(404);
        assertThat(call(request(trust, "/outbox/tracking").GET()).statusCode()).isEqualTo(400);
        assertThat(call(request(trust, "/inbox?max_results=5").GET()).statusCode()).isEqualTo(400);
        assertThat(call(request(trust, "/nowhere").GET()).statusCode()).isEqualTo(404);
    }

    @Test
    void sendErrorsCarryTheSpecificationsCodesInTheV2AndV1Shapes() throws Exception {
        JsonNode missingTo = json(call(request(trust, "/outbox").header("mex-workflowid", NOTICES)
                .POST(HttpRequest.BodyPublishers.ofString("x"))), 417);
        assertThat(missingTo.at("/detail/0/code").asText()).isEqualTo("08");
        assertThat(missingTo.at("/detail/0/event").asText()).isEqualTo("SEND");
        assertThat(json(send(council, trust.id(), ALERTS, "l", "x"), 417).at("/detail/0/code").asText()).isEqualTo("17");
        assertThat(json(send(trust, council.id(), ALERTS, "l", "x"), 417).at("/detail/0/code").asText()).isEqualTo("17");
        assertThat(json(send(trust, "X26NOBODY", NOTICES, "l", "x"), 417).at("/detail/0/code").asText()).isEqualTo("12");
        assertThat(json(call(request(trust, "/outbox").header("mex-to", council.id()).header("mex-from", council.id())
                .header("mex-workflowid", NOTICES).POST(HttpRequest.BodyPublishers.ofString("x"))), 417)
                .at("/detail/0/code").asText()).isEqualTo("07");
        assertThat(json(call(request(trust, "/outbox").header("mex-to", council.id()).header("mex-workflowid", NOTICES)
                .header("mex-chunk-range", "2:3").POST(HttpRequest.BodyPublishers.ofString("x"))), 417)
                .at("/detail/0/code").asText()).isEqualTo("06");
        JsonNode v1 = json(call(request(trust, "/outbox").setHeader("Accept", "application/json")
                .header("mex-workflowid", NOTICES).POST(HttpRequest.BodyPublishers.ofString("x"))), 417);
        assertThat(v1.get("errorCode").asText()).isEqualTo("08");
        assertThat(sim.sendErrors()).containsExactly("08", "17", "17", "12", "07", "06", "08");
        assertThat(sim.sentBy(trust.id())).isEmpty();
    }

    @Test
    void theV1ShapesAnswerWhenTheClientAsksForNoVersion() throws Exception {
        HttpResponse<byte[]> sent = call(request(trust, "/outbox").setHeader("Accept", "application/json")
                .header("mex-to", council.id()).header("mex-workflowid", NOTICES).header("mex-localid", "v1-local")
                .POST(HttpRequest.BodyPublishers.ofString("v1")));
        String id = json(sent, 202).get("messageID").asText();
        JsonNode ack = json(call(request(council, "/inbox/" + id + "/status/acknowledged")
                .setHeader("Accept", "application/json").PUT(HttpRequest.BodyPublishers.noBody())), 200);
        assertThat(ack.get("messageId").asText()).isEqualTo(id);
        JsonNode byLocal = json(get(trust, "/outbox/tracking/v1-local"));
        assertThat(byLocal.get("status").asText()).isEqualTo("Acknowledged");
        assertThat(byLocal.get("dtsId").asText()).isEqualTo(id);
        assertThat(json(call(request(trust, "/count").setHeader("Accept", "application/json").GET()), 200)
                .has("allResultsIncluded")).isTrue();
    }

    @Test
    void theInboxPagesWithLinksNextAndTheLookupFindsMailboxesByOdsCodeAndWorkflow() throws Exception {
        for (int i = 0; i < 12; i++) {
            sent(send(trust, council.id(), NOTICES, "n" + i, "m" + i));
        }
        JsonNode page1 = json(get(council, "/inbox?max_results=10"));
        assertThat(page1.get("messages")).hasSize(10);
        assertThat(page1.get("approx_inbox_count").asInt()).isEqualTo(12);
        String next = page1.at("/links/next").asText();
        assertThat(next).startsWith("/messageexchange/" + council.id() + "/inbox?max_results=10&continue_from=");
        JsonNode page2 = json(call(plain(next).header("Accept", V2)
                .header("Authorization", token(council.id(), council.password(), ZonedDateTime.now(ZoneOffset.UTC)))));
        assertThat(page2.get("messages")).hasSize(2);
        assertThat(page2.at("/links/next").isMissingNode()).isTrue();

        assertThat(json(get(council, "/inbox?workflow_filter=SEAMLESS_*")).get("messages")).hasSize(12);
        assertThat(json(get(council, "/inbox?workflow_filter=" + java.net.URLEncoder.encode("!*NOTICE*",
                StandardCharsets.UTF_8))).get("messages")).isEmpty();

        JsonNode found = json(call(plain("/messageexchange/endpointlookup/A91/" + NOTICES).header("Accept", V2)));
        assertThat(found.at("/results/0/mailbox_id").asText()).isEqualTo(council.id());
        assertThat(json(call(plain("/messageexchange/endpointlookup/A91/" + ALERTS).header("Accept", V2)))
                .get("results")).isEmpty();
        assertThat(json(call(plain("/messageexchange/endpointlookup/RX1/" + ALERTS))).at("/results/0/address").asText())
                .isEqualTo(trust.id());
    }

    @Test
    void theHandshakeNeedsTheClientHeaders() throws Exception {
        assertThat(call(request(trust, "").POST(HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(400);
        assertThat(sim.handshakes(trust.id())).isZero();
    }

    @Test
    void overMutualTlsAClientCertificateIsRequired() throws Exception {
        TestPki pki = TestPki.create("MESH test CA");
        try (MeshSimulator tls = MeshSimulator.https(sharedSecret, pki, true)) {
            tls.register(trust);
            HttpRequest handshake = HttpRequest.newBuilder(URI.create(tls.baseUrl() + "/messageexchange/" + trust.id()))
                    .header("Accept", V2).header("mex-clientversion", "seamless-test").header("mex-osname", "Linux")
                    .header("mex-osversion", "test")
                    .header("Authorization", token(trust.id(), trust.password(), ZonedDateTime.now(ZoneOffset.UTC)))
                    .POST(HttpRequest.BodyPublishers.noBody()).build();
            HttpClient withCert = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .sslContext(pki.clientContext(pki.client("CN=SEAMLESS01.RX1.api.mesh-client.nhs.uk"))).build();
            assertThat(withCert.send(handshake, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
            assertThat(tls.clientCertificateSubjects()).containsExactly("CN=SEAMLESS01.RX1.api.mesh-client.nhs.uk");

            HttpClient noCert = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .sslContext(pki.clientContext(null)).build();
            assertThatThrownBy(() -> noCert.send(handshake, HttpResponse.BodyHandlers.discarding()))
                    .isInstanceOf(IOException.class);
            assertThat(tls.handshakes(trust.id())).isEqualTo(1);
        }
    }

    // --- a MESH client's side, written from the specification independently of the simulator ---

    /** {@code NHSMESH mailbox:nonce:nonce_count:timestamp:HMAC-SHA256(secret, mailbox:nonce:count:password:timestamp)}. */
    private String token(String mailbox, String password, ZonedDateTime at) throws Exception {
        return token(mailbox, password, at, UUID.randomUUID().toString(), 0);
    }

    private String token(String mailbox, String password, ZonedDateTime at, String nonce, int count) throws Exception {
        String timestamp = at.format(DateTimeFormatter.ofPattern("yyyyMMddHHmm"));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(sharedSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String hash = HexFormat.of().formatHex(mac.doFinal((mailbox + ":" + nonce + ":" + count + ":" + password + ":" + timestamp)
                .getBytes(StandardCharsets.UTF_8)));
        return "NHSMESH " + mailbox + ":" + nonce + ":" + count + ":" + timestamp + ":" + hash;
    }

    private HttpRequest.Builder plain(String path) {
        return HttpRequest.newBuilder(URI.create(sim.baseUrl() + path));
    }

    private HttpRequest.Builder request(MeshMailbox as, String path) throws Exception {
        return plain("/messageexchange/" + as.id() + path).header("Accept", V2)
                .header("Authorization", token(as.id(), as.password(), ZonedDateTime.now(ZoneOffset.UTC)));
    }

    private HttpRequest.Builder handshake(MeshMailbox as) throws Exception {
        return request(as, "").header("mex-clientversion", "seamless-test").header("mex-osname", "Linux")
                .header("mex-osversion", "test").POST(HttpRequest.BodyPublishers.noBody());
    }

    private HttpResponse<byte[]> send(MeshMailbox from, String to, String workflow, String localId, String body)
            throws Exception {
        return call(request(from, "/outbox").header("mex-from", from.id()).header("mex-to", to)
                .header("mex-workflowid", workflow).header("mex-localid", localId).header("mex-subject", "test")
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpRequest.Builder chunk(MeshMailbox from, String id, int n, String range, String body) throws Exception {
        return request(from, "/outbox/" + id + "/" + n).header("mex-chunk-range", range)
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpResponse<byte[]> get(MeshMailbox as, String path) throws Exception {
        return call(request(as, path).GET());
    }

    private HttpResponse<byte[]> call(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String sent(HttpResponse<byte[]> response) throws Exception {
        return json(response, 202).get("message_id").asText();
    }

    private static JsonNode json(HttpResponse<byte[]> response) throws Exception {
        return json(response, 200);
    }

    private static JsonNode json(HttpResponse<byte[]> response, int status) throws Exception {
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    private static String secret() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
