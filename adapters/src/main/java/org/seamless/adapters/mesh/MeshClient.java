package org.seamless.adapters.mesh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.seamless.adapters.failure.DeliveryFailureClassifier;
import org.seamless.adapters.failure.DeliveryFaultException;

/**
 * A client of the MESH API v2 (NHSDigital/mesh-api-specification 2.0.0) for one mailbox: send (chunked when
 * larger than the chunk size), list the inbox, download (chunks reassembled), acknowledge, and track a sent
 * message. Every request carries the {@code NHSMESH} authorisation header and goes over mutual TLS when the
 * base URL is https (client key and certificate from the key store). Answers' bodies are never logged.
 */
public final class MeshClient {
    static final String V2 = "application/vnd.mesh.v2+json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_JSON = 1024 * 1024;

    /** A message to send. {@code localId} and {@code subject} hold no personal values. */
    public record Outgoing(String to, String workflowId, String localId, String subject, String contentType,
                           byte[] body) {
    }

    /** A downloaded message: its {@code mex-*} headers (lower-case names) and its whole content. */
    public record Download(String messageId, Map<String, String> headers, byte[] content) {
        public String header(String name) {
            return headers.get(name);
        }

        public boolean report() {
            return "REPORT".equalsIgnoreCase(header("mex-messagetype"));
        }
    }

    /** The tracking of a sent message: v2 {@code status} (accepted, acknowledged, undeliverable...), event, code. */
    public record Tracking(String status, String statusEvent, String statusCode) {
    }

    /** MESH refused a send (417) with one of the specification's error codes. */
    public static final class Refused extends RuntimeException {
        private final String code;

        Refused(String code, String description) {
            super("MESH refused the message: error " + code + (description == null ? "" : " (" + description + ")"),
                    null, false, false);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final MeshSettings settings;
    private final MeshAuthorization auth;
    private final HttpClient http;
    private final UnaryOperator<String> resolve;
    private volatile String base;

    /** {@code resolve} resolves placeholders in the base URL at first use (e.g. {@code {{...}}}). */
    public MeshClient(MeshSettings settings, UnaryOperator<String> resolve, Clock clock) {
        this.settings = settings;
        this.resolve = resolve;
        this.auth = new MeshAuthorization(settings.ownMailbox(), settings.ownPassword(), settings.sharedSecret(), clock);
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(settings.timeout());
        if (settings.keyStore().isPresent() || settings.trustStore().isPresent()) {
            b.sslContext(tls(settings));
        }
        this.http = b.build();
    }

    public MeshClient(MeshSettings settings) {
        this(settings, UnaryOperator.identity(), Clock.systemUTC());
    }

    /** Sends a message to {@code m.to()}; returns MESH's message id. Chunked when larger than the chunk size. */
    public String send(Outgoing m) {
        int size = settings.chunkSize();
        int chunks = Math.max(1, (m.body().length + size - 1) / size);
        Map<String, String> h = new LinkedHashMap<>();
        h.put("mex-from", settings.ownMailbox());
        h.put("mex-to", m.to());
        h.put("mex-workflowid", m.workflowId());
        h.put("mex-localid", m.localId());
        h.put("mex-subject", m.subject());
        h.put("Content-Type", m.contentType());
        if (chunks > 1) {
            h.put("mex-chunk-range", "1:" + chunks);
        }
        HttpResponse<byte[]> first = call("POST", outbox(""), h, chunk(m.body(), 0, size));
        String id = sent(first);
        for (int n = 2; n <= chunks; n++) {
            HttpResponse<byte[]> next = call("POST", outbox("/" + enc(id) + "/" + n),
                    Map.of("Content-Type", m.contentType(), "mex-chunk-range", n + ":" + chunks),
                    chunk(m.body(), n - 1, size));
            sent(next);
        }
        return id;
    }

    /** The ids of the messages in the inbox (the first page of at most 500: the rest at the next poll). */
    public List<String> inbox() {
        JsonNode list = json(expect(call("GET", mailboxPath("/inbox"), Map.of(), null), 200));
        List<String> ids = new ArrayList<>();
        list.path("messages").forEach(n -> ids.add(n.asText()));
        return ids;
    }

    /** Downloads a message whole: the first request's headers, every chunk's bytes in order. Empty: gone (404/410). */
    public Optional<Download> download(String messageId) {
        HttpResponse<byte[]> first = call("GET", mailboxPath("/inbox/" + enc(messageId)), Map.of(), null);
        if (first.statusCode() == 404 || first.statusCode() == 410) {
            return Optional.empty();
        }
        if (first.statusCode() != 200 && first.statusCode() != 206) {
            throw failure(first);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        first.headers().map().forEach((k, v) -> {
            String name = k.toLowerCase(java.util.Locale.ROOT);
            if (name.startsWith("mex-") || name.equals("content-type") || name.equals("content-encoding")) {
                headers.put(name, v.get(0));
            }
        });
        int total = totalChunks(headers.get("mex-chunk-range"));
        java.io.ByteArrayOutputStream content = new java.io.ByteArrayOutputStream();
        content.writeBytes(first.body());
        for (int n = 2; n <= total; n++) {
            HttpResponse<byte[]> next = call("GET", mailboxPath("/inbox/" + enc(messageId) + "/" + n), Map.of(), null);
            if (next.statusCode() != 200 && next.statusCode() != 206) {
                throw failure(next);
            }
            content.writeBytes(next.body());
        }
        return Optional.of(new Download(messageId, Map.copyOf(headers), content.toByteArray()));
    }

    /** Acknowledges a downloaded message (it leaves the inbox). True when MESH took it; false when already gone. */
    public boolean acknowledge(String messageId) {
        HttpResponse<byte[]> r = call("PUT", mailboxPath("/inbox/" + enc(messageId) + "/status/acknowledged"),
                Map.of(), new byte[0]);
        if (r.statusCode() == 404 || r.statusCode() == 410) {
            return false;
        }
        expect(r, 200);
        return true;
    }

    /** The tracking of a message this mailbox sent; empty when MESH no longer knows it (404). */
    public Optional<Tracking> track(String messageId) {
        HttpResponse<byte[]> r = call("GET", mailboxPath("/outbox/tracking?messageID=" + enc(messageId)), Map.of(), null);
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        JsonNode t = json(expect(r, 200));
        return Optional.of(new Tracking(t.path("status").asText(""), t.path("status_event").asText(null),
                t.path("status_code").asText(null)));
    }

    private String sent(HttpResponse<byte[]> r) {
        if (r.statusCode() == 417) {
            JsonNode body = json(r);
            JsonNode detail = body.path("detail").path(0);
            throw new Refused(detail.path("code").asText("?"), detail.path("msg").asText(null));
        }
        JsonNode body = json(expect(r, 202));
        String id = body.path("message_id").asText("");
        if (id.isEmpty()) {
            throw new DeliveryFaultException("MESH accepted a message without a message id");
        }
        return id;
    }

    private HttpResponse<byte[]> expect(HttpResponse<byte[]> r, int status) {
        if (r.statusCode() != status) {
            throw failure(r);
        }
        return r;
    }

    /** 429 and 5xx are transient (the message waits); 401/403/404... are set-up faults. */
    private RuntimeException failure(HttpResponse<byte[]> r) {
        RuntimeException e = DeliveryFailureClassifier.httpFailure("MESH", r.statusCode(),
                r.headers().firstValue("Retry-After").orElse(null), Instant.now());
        return e instanceof org.seamless.adapters.failure.TransientDeliveryException t
                ? new MeshUnavailableException(t.getMessage(), t.retryAfter().orElse(null)) : e;
    }

    private HttpResponse<byte[]> call(String method, String path, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(base() + path)).timeout(settings.timeout())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Authorization", auth.header())
                .header("Accept", V2)
                .header("mex-clientversion", "seamless-mesh/1.0")
                .header("mex-osname", System.getProperty("os.name", "unknown"))
                .header("mex-osversion", System.getProperty("os.version", "unknown"));
        headers.forEach(req::header);
        try {
            // why: MESH's answers are small JSON or one chunk, bounded by the chunk size
            return http.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            // why: the class name only; I/O messages can carry addresses
            throw new MeshUnavailableException("no answer from MESH (" + e.getClass().getSimpleName() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MeshUnavailableException("interrupted while waiting for MESH", e);
        }
    }

    private String base() {
        String b = base;
        if (b == null) {
            b = resolve.apply(settings.baseUrl()).strip();
            if (b.endsWith("/")) {
                b = b.substring(0, b.length() - 1);
            }
            if (!b.startsWith("https://") && !b.startsWith("http://")) {
                throw new IllegalArgumentException("agency " + settings.agencyId() + ": " + MeshAdapterType.BASE_URL
                        + " must be an http(s) URL");
            }
            base = b;
        }
        return b;
    }

    private String mailboxPath(String rest) {
        return "/messageexchange/" + enc(settings.ownMailbox()) + rest;
    }

    private String outbox(String rest) {
        return mailboxPath("/outbox" + rest);
    }

    private static byte[] chunk(byte[] body, int index, int size) {
        int from = index * size;
        return Arrays.copyOfRange(body, Math.min(from, body.length), Math.min(from + size, body.length));
    }

    static int totalChunks(String range) {
        if (range == null || !range.matches("\\d{1,6}:\\d{1,6}")) {
            return 1;
        }
        return Math.max(1, Integer.parseInt(range.substring(range.indexOf(':') + 1)));
    }

    private static JsonNode json(HttpResponse<byte[]> r) {
        try {
            byte[] b = r.body();
            return b.length == 0 || b.length > MAX_JSON ? JSON.createObjectNode() : JSON.readTree(b);
        } catch (IOException e) {
            throw new DeliveryFaultException("MESH answered with JSON this client cannot read");
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static SSLContext tls(MeshSettings s) {
        try {
            KeyManagerFactory kmf = null;
            if (s.keyStore().isPresent()) {
                KeyStore ks = load(s.keyStore().get(), s.keyStorePassword());
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(ks, s.keyStorePassword());
            }
            TrustManagerFactory tmf = null;
            if (s.trustStore().isPresent()) {
                tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(load(s.trustStore().get(), s.trustStorePassword()));
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(),
                    new SecureRandom());
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("agency " + s.agencyId() + ": the MESH key or trust store cannot be"
                    + " read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static KeyStore load(java.nio.file.Path file, char[] password) throws GeneralSecurityException, IOException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = java.nio.file.Files.newInputStream(file)) {
            ks.load(in, password);
        }
        return ks;
    }

    @Override
    public String toString() {
        return "MeshClient[" + settings.ownMailbox() + "]";
    }
}
