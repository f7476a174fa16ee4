package org.seamless.ops.reliability;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.seamless.mappings.itk.ItkEnvelope;
import org.seamless.mappings.itk.ItkEnvelopeReader;
import org.seamless.mappings.itk.ItkEnvelopeXml;
import org.seamless.mappings.itk.ItkSimpleResponses;
import org.seamless.mappings.itk.NoticeEnvelopes;
import org.seamless.mappings.message.MessageBundles;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A local authority's ITK case system outside the Seamless process (so a SIGKILL of Seamless
 * leaves it and its record intact): a plain HTTP server that reads each SOAP
 * {@code DistributionEnvelope}, acts on it once per ITK tracking id (the idempotency key), and
 * answers as the ITK contract says. It records every call, and which message ids it acted on.
 */
public final class ItkCaseSystemServer implements AutoCloseable {
    private static final String SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/";

    private final HttpServer server;
    private final Map<String, String> actedOnByTrackingId = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> actionsPerMessage = new ConcurrentHashMap<>();
    private final Map<String, Long> firstActionNanos = new ConcurrentHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final java.util.List<Long> callTimesNanos = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile Mode mode = Mode.UP;
    private volatile java.util.concurrent.CountDownLatch hung = new java.util.concurrent.CountDownLatch(0);

    /** How the case system answers: normally, or as one of the outages partners really have. */
    public enum Mode {
        UP,
        /** HTTP 503 from the gateway in front of it, no Retry-After. */
        UNAVAILABLE,
        /** HTTP 503 with {@code Retry-After: 2}. */
        UNAVAILABLE_RETRY_AFTER,
        /** A SOAP {@code Server} fault (HTTP 500): the case system's database is down. */
        SERVER_FAULT,
        /** Reads the request and does not answer until the outage ends (the caller times out). */
        HANG
    }

    public ItkCaseSystemServer() throws IOException {
        this(0);
    }

    /** On a given port: the same system back after an outage. */
    public ItkCaseSystemServer(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/itk", this::handle);
        server.createContext("/health", this::health);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/itk";
    }

    /** Message id to the number of times the case system acted on it. */
    public Map<String, Integer> actionsPerMessage() {
        Map<String, Integer> m = new ConcurrentHashMap<>();
        actionsPerMessage.forEach((k, v) -> m.put(k, v.get()));
        return m;
    }

    /** Message id to when the case system first acted on it ({@link System#nanoTime()}). */
    public Map<String, Long> firstActionNanos() {
        return Map.copyOf(firstActionNanos);
    }

    public int calls() {
        return calls.get();
    }

    /** When each ITK call arrived ({@link System#nanoTime()}). */
    java.util.List<Long> callTimesNanos() {
        return java.util.List.copyOf(callTimesNanos);
    }

    /** The health URL a half-open probe may use: 200 when up, 503 during any outage. */
    public String healthUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/health";
    }

    /** Starts or ends an outage (a hung call is released, unanswered, when the mode changes). */
    public void mode(Mode next) {
        java.util.concurrent.CountDownLatch previous = hung;
        if (next == Mode.HANG) {
            hung = new java.util.concurrent.CountDownLatch(1);
        }
        mode = next;
        previous.countDown();
        if (next != Mode.HANG) {
            hung.countDown();
        }
    }

    private void health(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.sendResponseHeaders(mode == Mode.UP ? 200 : 503, -1);
        }
    }

    /** Answers as the current outage mode says; true when the call was answered that way. */
    private boolean outage(HttpExchange exchange) throws IOException {
        Mode m = mode;
        switch (m) {
            case UP -> {
                return false;
            }
            case UNAVAILABLE, UNAVAILABLE_RETRY_AFTER -> {
                if (m == Mode.UNAVAILABLE_RETRY_AFTER) {
                    exchange.getResponseHeaders().set("Retry-After", "2");
                }
                byte[] page = "<html><body>Service Unavailable</body></html>".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/html");
                exchange.sendResponseHeaders(503, page.length);
                exchange.getResponseBody().write(page);
            }
            case SERVER_FAULT -> {
                byte[] fault = ("<soap:Envelope xmlns:soap=\"" + SOAP_NS + "\"><soap:Body><soap:Fault>"
                        + "<faultcode>soap:Server</faultcode><faultstring>case database unavailable</faultstring>"
                        + "</soap:Fault></soap:Body></soap:Envelope>").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/xml; charset=UTF-8");
                exchange.sendResponseHeaders(500, fault.length);
                exchange.getResponseBody().write(fault);
            }
            case HANG -> {
                try {
                    hung.await(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        return true;
    }

    private void handle(HttpExchange exchange) throws IOException {
        calls.incrementAndGet();
        callTimesNanos.add(System.nanoTime());
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            if (outage(exchange)) {
                return;
            }
            ItkEnvelope envelope = ItkEnvelopeReader.read(distributionEnvelope(body));
            String messageId = MessageBundles.messageId(NoticeEnvelopes.message(envelope)).orElseThrow();
            if (actedOnByTrackingId.putIfAbsent(envelope.trackingId(), messageId) == null) {
                actionsPerMessage.computeIfAbsent(messageId, k -> new AtomicInteger()).incrementAndGet();
                firstActionNanos.putIfAbsent(messageId, System.nanoTime());
            }
            String xml = ItkEnvelopeXml.write(ItkSimpleResponses.ok(envelope, "response")).replaceFirst("^<\\?xml[^>]*\\?>", "");
            byte[] answer = ("<soap:Envelope xmlns:soap=\"" + SOAP_NS + "\"><soap:Body>" + xml
                    + "</soap:Body></soap:Envelope>").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/xml; charset=UTF-8");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        } catch (Exception e) {
            exchange.sendResponseHeaders(500, -1);
        }
    }

    private static Element distributionEnvelope(byte[] soap) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(soap));
        NodeList found = doc.getElementsByTagNameNS("*", "DistributionEnvelope");
        if (found.getLength() == 0) {
            throw new IllegalArgumentException("no DistributionEnvelope in the SOAP body");
        }
        return (Element) found.item(0);
    }


    @Override
    public void close() {
        server.stop(0);
    }
}
