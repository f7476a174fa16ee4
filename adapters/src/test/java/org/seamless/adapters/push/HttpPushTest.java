package org.seamless.adapters.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Against a real local HTTP server on a random port. */
class HttpPushTest {
    private final DefaultCamelContext camel = new DefaultCamelContext();
    private HttpServer server;
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void placeholdersInTheUrlAreResolvedAtTheFirstSendNotBefore() throws Exception {
        AtomicReference<String> seen = new AtomicReference<>();
        start(ex -> {
            seen.set(ex.getRequestURI().toString() + " " + ex.getRequestHeaders().getFirst("X-Test"));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        HttpPush push = new HttpPush("http://127.0.0.1:{{test.port}}/base", Duration.ofSeconds(5));
        Properties props = new Properties();
        props.setProperty("test.port", Integer.toString(server.getAddress().getPort()));
        camel.getPropertiesComponent().setInitialProperties(props);

        HttpPush.Answer a = push.post(camel, "/$process-message?async=true", Map.of("X-Test", "yes"), new byte[] {1});

        assertThat(a.status()).isEqualTo(204);
        assertThat(seen.get()).isEqualTo("/base/$process-message?async=true yes");
    }

    @Test
    void noListenerMeansRetryLater() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        HttpPush push = new HttpPush("http://127.0.0.1:" + port + "/x", Duration.ofSeconds(2));
        assertThatThrownBy(() -> push.post(camel, "", Map.of(), new byte[0]))
                .isInstanceOf(HttpPush.RetryLaterException.class).hasMessageContaining("no answer");
    }

    @Test
    void aSlowAnswerTimesOutAndMeansRetryLater() throws Exception {
        start(ex -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.close();
        });
        HttpPush push = new HttpPush("http://127.0.0.1:" + server.getAddress().getPort(), Duration.ofMillis(300));
        assertThatThrownBy(() -> push.post(camel, "/", Map.of(), new byte[0]))
                // why either: the answer's timeout is the point, but on a loaded machine the 300 ms can run out while
                // connecting (HttpConnectTimeoutException, a kind of HttpTimeoutException): failed so in a CI run
                .isInstanceOf(HttpPush.RetryLaterException.class)
                .hasMessageMatching("no answer from the agency system \\(Http(Connect)?TimeoutException\\)");
    }

    @Test
    void aLongAnswerIsReadOnlyUpToTheLimit() throws Exception {
        byte[] big = "x".repeat(200_000).getBytes(StandardCharsets.UTF_8);
        start(ex -> {
            ex.sendResponseHeaders(400, big.length);
            ex.getResponseBody().write(big);
            ex.close();
        });
        HttpPush.Answer a = new HttpPush("http://127.0.0.1:" + server.getAddress().getPort(), Duration.ofSeconds(5))
                .post(camel, "/", Map.of(), new byte[0]);
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.body().length).isEqualTo(64 * 1024);
    }

    @Test
    void aRelativeOrNonHttpUrlIsRefusedUpFront() {
        assertThatThrownBy(() -> new HttpPush("/demo/fhir", Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HttpPush("file:///etc/passwd", Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private void start(com.sun.net.httpserver.HttpHandler handler) throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", handler);
        server.start();
    }
}
