package org.seamless.reliability;

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
final class ItkCaseSystemServer implements AutoCloseable {
    private static final String SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/";

    private final HttpServer server;
    private final Map<String, String> actedOnByTrackingId = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> actionsPerMessage = new ConcurrentHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();

    ItkCaseSystemServer() throws IOException {
        this(0);
    }

    /** On a given port: the same system back after an outage. */
    ItkCaseSystemServer(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/itk", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/itk";
    }

    /** Message id to the number of times the case system acted on it. */
    Map<String, Integer> actionsPerMessage() {
        Map<String, Integer> m = new ConcurrentHashMap<>();
        actionsPerMessage.forEach((k, v) -> m.put(k, v.get()));
        return m;
    }

    int calls() {
        return calls.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        calls.incrementAndGet();
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            ItkEnvelope envelope = ItkEnvelopeReader.read(distributionEnvelope(body));
            String messageId = MessageBundles.messageId(NoticeEnvelopes.message(envelope)).orElseThrow();
            if (actedOnByTrackingId.putIfAbsent(envelope.trackingId(), messageId) == null) {
                actionsPerMessage.computeIfAbsent(messageId, k -> new AtomicInteger()).incrementAndGet();
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
