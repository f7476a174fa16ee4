package org.seamless.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base for tests that run the whole application in-process on a random HTTP port against a real
 * embedded broker (TCP acceptor on a free port) and the test database.
 */
// demo mode off here too: environment post-processors run before dynamic properties exist, and
// demo mode would write generated secrets into the working directory
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "seamless.demo.enabled=false")
public abstract class SeamlessTestBase {
    protected static final TestEnvironment ENV = TestEnvironment.create();
    protected static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void seamlessProperties(DynamicPropertyRegistry registry) {
        ENV.properties().forEach((k, v) -> registry.add(k, () -> v));
    }

    @AfterAll
    static void closeEnvironment() {
        // the Spring context may be cached and reused by another class: leave the database in place
    }

    protected HttpResponse<String> postMessage(String apiKey, String contentType, String body) throws Exception {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/fhir/$process-message"))
                .timeout(Duration.ofSeconds(120)) // the first call after a start may wait for the validator to load
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (apiKey != null) {
            req.header("X-API-Key", apiKey);
        }
        return HTTP.send(req.build(), HttpResponse.BodyHandlers.ofString());
    }
}
