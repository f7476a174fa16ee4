package org.seamless.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.seamless.adapters.vcswebhook.WebhookSignature;

/**
 * A voluntary organisation's webhook endpoint as a careful charity would build it, on a real HTTP
 * server (random port): verifies the HMAC-SHA-256 signature and the timestamp window, refuses a
 * request whose exact signature it has seen before (a replayed capture), and acts once per event id.
 */
public final class VerifyingWebhookReceiver implements AutoCloseable {
    /** One request as it arrived on the wire. */
    public record Received(String eventId, String timestamp, String signature, String contentType, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final WebhookSignature signature;
    private final Set<String> seenSignatures = ConcurrentHashMap.newKeySet();
    private final Map<String, Received> acted = new ConcurrentHashMap<>();
    private final List<String> verdicts = new CopyOnWriteArrayList<>();

    public VerifyingWebhookReceiver(String secret) {
        this.signature = new WebhookSignature(secret);
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hook", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    private volatile int unavailableStatus;
    private volatile String retryAfter;
    private final java.util.concurrent.atomic.AtomicInteger unavailableAnswers = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * An outage: every request is answered with {@code status} (e.g. 503), with a {@code Retry-After}
     * header when {@code retryAfter} is not null, and not acted on; {@code 0} ends the outage.
     */
    public void unavailable(int status, String retryAfter) {
        this.retryAfter = retryAfter;
        this.unavailableStatus = status;
    }

    /** Requests answered as unavailable so far. */
    public int unavailableAnswers() {
        return unavailableAnswers.get();
    }

    private final List<Long> requestTimesNanos = new CopyOnWriteArrayList<>();

    private final List<Long> unavailableTimesNanos = new CopyOnWriteArrayList<>();

    /** When each request answered as unavailable arrived ({@link System#nanoTime()}). */
    public List<Long> unavailableTimesNanos() {
        return List.copyOf(unavailableTimesNanos);
    }

    /** When each request arrived ({@link System#nanoTime()}). */
    public List<Long> requestTimesNanos() {
        return List.copyOf(requestTimesNanos);
    }

    private void handle(HttpExchange ex) throws IOException {
        long arrived = System.nanoTime();
        requestTimesNanos.add(arrived);
        byte[] body = ex.getRequestBody().readAllBytes();
        int down = unavailableStatus;
        if (down != 0) {
            unavailableAnswers.incrementAndGet();
            unavailableTimesNanos.add(arrived);
            String ra = retryAfter;
            if (ra != null) {
                ex.getResponseHeaders().set("Retry-After", ra);
            }
            ex.sendResponseHeaders(down, -1);
            ex.close();
            return;
        }
        String eventId = ex.getRequestHeaders().getFirst(WebhookSignature.EVENT_ID_HEADER);
        String ts = ex.getRequestHeaders().getFirst(WebhookSignature.TIMESTAMP_HEADER);
        String sig = ex.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE_HEADER);
        WebhookSignature.Verdict v = signature.verify(eventId, ts, sig, body, Instant.now());
        String verdict;
        int status;
        if (!v.valid()) {
            verdict = v.name();
            status = 401;
        } else if (!seenSignatures.add(sig)) {
            verdict = "REPLAYED";
            status = 401;
        } else {
            verdict = acted.putIfAbsent(eventId, new Received(eventId, ts, sig,
                    ex.getRequestHeaders().getFirst("Content-Type"), body)) == null ? "ACTED" : "DUPLICATE";
            status = 200;
        }
        verdicts.add(verdict);
        byte[] answer = ("{\"verdict\":\"" + verdict + "\"}").getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", status == 200 ? "application/json" : "application/problem+json");
        ex.sendResponseHeaders(status, answer.length);
        ex.getResponseBody().write(answer);
        ex.close();
    }

    /** Requests acted on, by event id. */
    public Map<String, Received> acted() {
        return acted;
    }

    public List<String> verdicts() {
        return verdicts;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
