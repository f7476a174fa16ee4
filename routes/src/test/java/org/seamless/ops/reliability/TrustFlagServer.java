package org.seamless.ops.reliability;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.hl7.fhir.r4.model.Flag;
import org.seamless.mappings.canonical.Digests;
import org.seamless.mappings.canonical.FhirContexts;

/**
 * A trust's FHIR server outside the Seamless process, for the Flags that social care alerts become:
 * it answers the conditional update {@code PUT [base]/Flag?identifier=system|value} as a FHIR server
 * does (create the first time, update when the content changed, nothing when it did not) and keeps,
 * per business identifier, how many different versions it stored and how many requests it got.
 */
public final class TrustFlagServer implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, String> latestDigest = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> versions = new ConcurrentHashMap<>();
    private final AtomicInteger puts = new AtomicInteger();

    public TrustFlagServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/fhir", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    public String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/fhir";
    }

    /** Business identifier value to the number of different Flag versions stored for it. */
    public Map<String, Integer> versionsByIdentifier() {
        Map<String, Integer> m = new ConcurrentHashMap<>();
        versions.forEach((k, v) -> m.put(k, v.get()));
        return m;
    }

    public int puts() {
        return puts.get();
    }

    private void handle(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        String query = ex.getRequestURI().getRawQuery();
        if (!"PUT".equals(ex.getRequestMethod()) || !ex.getRequestURI().getPath().endsWith("/Flag") || query == null
                || !query.startsWith("identifier=")) {
            answer(ex, 400, "{\"resourceType\":\"OperationOutcome\"}");
            return;
        }
        puts.incrementAndGet();
        String identifier = URLDecoder.decode(query.substring("identifier=".length()), StandardCharsets.UTF_8);
        String value = identifier.substring(identifier.indexOf('|') + 1);
        Flag flag = FhirContexts.r4().newJsonParser().parseResource(Flag.class,
                new String(body, StandardCharsets.UTF_8));
        String digest = Digests.sha256Hex(FhirContexts.r4().newJsonParser().encodeResourceToString(flag));
        boolean created;
        synchronized (this) {
            String before = latestDigest.put(value, digest);
            created = before == null;
            if (!digest.equals(before)) {
                versions.computeIfAbsent(value, k -> new AtomicInteger()).incrementAndGet();
            }
        }
        flag.setId("Flag/" + Digests.sha256Hex(value).substring(0, 16));
        answer(ex, created ? 201 : 200, FhirContexts.r4().newJsonParser().encodeResourceToString(flag));
    }

    private static void answer(HttpExchange ex, int status, String json) throws IOException {
        byte[] out = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/fhir+json");
        ex.sendResponseHeaders(status, out.length);
        ex.getResponseBody().write(out);
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
