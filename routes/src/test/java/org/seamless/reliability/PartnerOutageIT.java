package org.seamless.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.Connection;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.seamless.broker.BrokerUsers;
import org.seamless.mappings.testdata.TestNotices;
import org.seamless.testsupport.SeamlessTestBase;
import org.seamless.testsupport.TestEnvironment;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A local authority's SOAP case system goes away (connections refused) while notices for it and
 * for the CSV authority arrive. The CSV authority keeps receiving; the SOAP sink's circuit opens
 * (visible to operators in the API and in health) and its notices wait in their queue, none
 * dead-lettered, for longer than the retry budget would last without the circuit; when the
 * system is back on the same address the circuit closes and every notice is acted on once.
 */
class PartnerOutageIT extends SeamlessTestBase {
    private static ItkCaseSystemServer soapLa;
    private static final int PORT;

    static {
        try {
            soapLa = new ItkCaseSystemServer();
            PORT = soapLa.port();
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @DynamicPropertySource
    static void outage(DynamicPropertyRegistry r) {
        r.add("seamless.test.la-soap-endpoint", soapLa::endpoint);
        r.add("seamless.circuit.failure-threshold", () -> "2");
        r.add("seamless.circuit.half-open-after-ms", () -> "300");
    }

    @AfterAll
    static void stop() {
        soapLa.close();
    }

    @Autowired
    BrokerUsers users;

    @Test
    void oneAuthoritysOutageBlocksNoOneAndItsNoticesFlowWhenItReturns() throws Exception {
        soapLa.close(); // the outage: nothing listens on the LA's address
        List<TestNotices.Notice> forSoap = IntStream.range(0, 5).mapToObj(i -> TestNotices.dischargeInLs6(61_000 + i)).toList();
        List<TestNotices.Notice> forCsv = IntStream.range(0, 5).mapToObj(i -> TestNotices.discharge(62_000 + i)).toList();
        for (TestNotices.Notice n : Stream.concat(forSoap.stream(), forCsv.stream()).toList()) {
            assertThat(postMessage(ENV.apiKey(TestEnvironment.TRUST), "application/fhir+json", n.json()).statusCode())
                    .isEqualTo(200);
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> forCsv.stream().allMatch(n -> inOutbox(n.messageId())));
        await().atMost(Duration.ofSeconds(60)).until(() -> get("/api/ops/circuits", ENV.opsApiKey()).body()
                .matches("(?s).*\"demo-la-soap\":\\{[^}]*\"state\":\"OPEN\".*"));
        // a partner's outage is not Seamless's: health stays UP; operators read circuit states above
        assertThat(get("/actuator/health", null).body()).startsWith("{\"status\":\"UP\"").contains("\"circuits\"");
        assertThat(get("/api/ops/circuits", null).statusCode()).isEqualTo(401);
        // without the circuit, 6 attempts 50 ms apart with backoff would dead-letter them in under 2 s
        await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(10)).until(() -> deadLettered() == 0);

        soapLa = new ItkCaseSystemServer(PORT); // back, on the same address
        await().atMost(Duration.ofSeconds(60)).until(() -> soapLa.actionsPerMessage().size() == forSoap.size());
        assertThat(soapLa.actionsPerMessage().keySet())
                .containsExactlyInAnyOrderElementsOf(forSoap.stream().map(TestNotices.Notice::messageId).toList());
        assertThat(soapLa.actionsPerMessage().values()).containsOnly(1);
        assertThat(deadLettered()).isZero();
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/ops/circuits", ENV.opsApiKey()).body()
                .matches("(?s).*\"demo-la-soap\":\\{[^}]*\"state\":\"CLOSED\".*"));
    }


    private boolean inOutbox(String messageId) {
        Path outbox = ENV.outbox(TestEnvironment.LA_CSV);
        if (!Files.isDirectory(outbox)) {
            return false;
        }
        try (Stream<Path> files = Files.list(outbox)) {
            return files.anyMatch(p -> p.getFileName().toString().contains(messageId)
                    && p.getFileName().toString().endsWith(".csv.ok"));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private int deadLettered() throws Exception {
        var factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + ENV.brokerPort(), BrokerUsers.OPERATOR,
                users.password(BrokerUsers.OPERATOR));
        try (Connection c = factory.createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            QueueBrowser browser = s.createBrowser(s.createQueue("agency." + TestEnvironment.LA_SOAP + ".dlq"));
            return Collections.list(browser.getEnumeration()).size();
        }
    }

    private HttpResponse<String> get(String path, String key) throws Exception {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30)).GET();
        if (key != null) {
            req.header("X-API-Key", key);
        }
        return HTTP.send(req.build(), HttpResponse.BodyHandlers.ofString());
    }
}
