package org.seamless.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.seamless.testsupport.SeamlessTestBase;
import org.seamless.testsupport.TestEnvironment;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.seamless.testsupport.SharedContext;

/**
 * Every HTTP and SOAP endpoint family refuses a body far over its limit without reading it: a
 * 256 MiB body, streamed (so the client never holds it either), unauthenticated with a declared
 * length and authenticated in chunks. The answer is in the edge's own form (FHIR OperationOutcome,
 * SOAP fault, problem+json); the server takes only a small part of the body before answering
 * (counted at the client); old-generation heap (where large buffers land) grows far less than the
 * body; and nothing beyond a capped excerpt is kept in quarantine.
 */
@SharedContext
class OversizeBodyIT extends SeamlessTestBase {
    private static final long BODY = 256L * 1024 * 1024;
    /** The server may take what fits in socket buffers and what Tomcat swallows before closing. */
    private static final long TAKEN_AT_MOST = 32L * 1024 * 1024;
    private static final long HEAP_GROWTH_AT_MOST = 64L * 1024 * 1024;
    private static final int EXCERPT_AT_MOST = 64 * 1024 + 64; // the excerpt plus the cipher's nonce and tag

    @Autowired
    JdbcTemplate jdbc;

    enum Form { FHIR, SOAP, PROBLEM }

    static Stream<Arguments> families() {
        String soapStart = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"
                + "<itk:DistributionEnvelope xmlns:itk=\"urn:nhs-itk:ns:201005\"><itk:payloads count=\"1\"><itk:payload id=\"p\">";
        return Stream.of(
                Arguments.of("FHIR edge", "/fhir/$process-message", "application/fhir+json",
                        "X-API-Key", ENV.apiKey(TestEnvironment.TRUST), "{\"resourceType\":\"Bundle\",\"id\":\"",
                        413, Form.FHIR),
                Arguments.of("SOAP alert edge", "/soap/itk/alerts", "text/xml; charset=UTF-8",
                        "X-API-Key", ENV.apiKey(TestEnvironment.LA_SOAP), soapStart, 401, Form.SOAP),
                Arguments.of("SOAP answer edge", "/soap/itk/answers", "text/xml; charset=UTF-8",
                        "X-API-Key", ENV.apiKey(TestEnvironment.LA_SOAP), soapStart, 401, Form.SOAP),
                Arguments.of("charity JSON API", "/api/v1/vcs/referrals", "application/json",
                        "X-API-Key", ENV.apiKey(TestEnvironment.CHARITY), "{\"note\":\"", 413, Form.PROBLEM),
                Arguments.of("consent API", "/api/v1/consents", "application/json",
                        "X-API-Key", ENV.apiKey(TestEnvironment.LA_CSV), "{\"reference\":\"", 413, Form.PROBLEM),
                Arguments.of("IG API", "/api/ig/disclosures", "application/json",
                        "X-API-Key", ENV.igApiKey(), "{\"nhsNumber\":\"", 401, Form.PROBLEM),
                Arguments.of("ops API", "/api/ops/replay", "application/json",
                        "X-API-Key", ENV.opsApiKey(), "{\"messageId\":\"", 401, Form.PROBLEM),
                Arguments.of("OAuth token endpoint", "/oauth2/token", "application/x-www-form-urlencoded",
                        "X-Client", "demo-trust", "grant_type=client_credentials&client_id=demo-trust&client_assertion=",
                        413, Form.PROBLEM));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void anOversizeBodyIsRefusedUnreadAuthenticatedOrNot(String family, String path, String contentType,
            String authHeader, String credential, String prefix, int unauthenticatedStatus, Form form) throws Exception {
        Instant start = Instant.now().minusSeconds(1);

        Answer anonymous = measure(() -> send(path, contentType, Map.of(), prefix, false));
        assertThat(anonymous.status()).as(family + " unauthenticated").isEqualTo(unauthenticatedStatus);
        assertForm(anonymous, form);
        assertBounded(family + " unauthenticated", anonymous);

        Answer known = measure(() -> send(path, contentType, Map.of(authHeader, credential), prefix, true));
        assertThat(known.status()).as(family + " authenticated: " + known.body()).isEqualTo(413);
        assertForm(known, form);
        assertThat(known.body()).containsIgnoringCase("limit");
        assertBounded(family + " authenticated", known);

        List<Integer> kept = jdbc.queryForList("SELECT LENGTH(payload) FROM quarantine WHERE received_at >= ?"
                + " AND payload IS NOT NULL", Integer.class, Timestamp.from(start));
        assertThat(kept).as(family + ": kept payloads").allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(EXCERPT_AT_MOST));
    }

    private static void assertForm(Answer a, Form form) {
        switch (form) {
            case FHIR -> assertThat(a.body()).contains("\"resourceType\"").contains("OperationOutcome");
            case SOAP -> assertThat(a.body()).contains("Envelope").contains("Fault");
            case PROBLEM -> assertThat(a.contentType()).startsWith("application/problem+json");
        }
    }

    private static void assertBounded(String what, Answer a) {
        assertThat(a.taken()).as(what + ": bytes the server took of " + BODY).isLessThan(TAKEN_AT_MOST);
        assertThat(a.heapGrowth()).as(what + ": old-generation heap growth").isLessThan(HEAP_GROWTH_AT_MOST);
    }

    record Answer(int status, String contentType, String body, long taken, long heapGrowth) {
        Answer withHeap(long growth) {
            return new Answer(status, contentType, body, taken, growth);
        }
    }

    interface Call {
        Answer run() throws Exception;
    }

    /** Runs a call and adds the growth of the old-generation pools' peak (large arrays are allocated there). */
    private static Answer measure(Call call) throws Exception {
        List<MemoryPoolMXBean> old = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .filter(p -> p.getName().toLowerCase(Locale.ROOT).matches(".*(old|tenured).*")).toList();
        System.gc();
        long before = old.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
        old.forEach(MemoryPoolMXBean::resetPeakUsage);
        Answer a = call.run();
        long peak = old.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        return a.withHeap(Math.max(0, peak - before));
    }

    /**
     * Sends {@code prefix} and then filler up to {@link #BODY} bytes from a writer thread, reads the
     * answer, then closes the connection; returns how much the server took before answering.
     */
    private Answer send(String path, String contentType, Map<String, String> headers, String prefix, boolean chunked)
            throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(120_000);
            Map<String, String> all = new LinkedHashMap<>();
            all.put("Host", "localhost:" + port);
            all.put("Content-Type", contentType);
            all.put("SOAPAction", "\"urn:nhs-itk:services:201005:sendRecvDistEnvelope\"");
            all.putAll(headers);
            all.put(chunked ? "Transfer-Encoding" : "Content-Length", chunked ? "chunked" : String.valueOf(BODY));
            StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\n");
            all.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            head.append("\r\n");
            AtomicLong written = new AtomicLong();
            OutputStream out = socket.getOutputStream();
            Thread writer = new Thread(() -> {
                try {
                    out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
                    byte[] block = new byte[64 * 1024];
                    Arrays.fill(block, (byte) 'a');
                    byte[] first = prefix.getBytes(StandardCharsets.UTF_8);
                    System.arraycopy(first, 0, block, 0, first.length);
                    for (long sent = 0; sent < BODY; sent += block.length) {
                        if (chunked) {
                            out.write((Integer.toHexString(block.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        }
                        out.write(block);
                        if (chunked) {
                            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                        }
                        written.addAndGet(block.length);
                        Arrays.fill(block, 0, first.length, (byte) 'a');
                    }
                    if (chunked) {
                        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.flush();
                } catch (IOException e) {
                    // the server answered and closed the connection: that is the point
                }
            });
            writer.setDaemon(true);
            writer.start();
            Answer answer = readAnswer(new BufferedInputStream(socket.getInputStream()));
            long taken = written.get();
            socket.close();
            writer.join(30_000);
            return new Answer(answer.status(), answer.contentType(), answer.body(), taken, 0);
        }
    }

    private static Answer readAnswer(InputStream in) throws IOException {
        String status = line(in);
        int code = Integer.parseInt(status.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h = line(in); !h.isEmpty(); h = line(in)) {
            int colon = h.indexOf(':');
            headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (int size = Integer.parseInt(line(in).split(";")[0].trim(), 16); size > 0;
                 size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) {
                body.write(in.readNBytes(size));
                line(in);
            }
        } else if (headers.containsKey("content-length")) {
            body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
        }
        return new Answer(code, headers.getOrDefault("content-type", ""), body.toString(StandardCharsets.UTF_8), 0, 0);
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder s = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                s.append((char) c);
            }
        }
        return s.toString();
    }
}
