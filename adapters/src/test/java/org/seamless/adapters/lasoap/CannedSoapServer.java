package org.seamless.adapters.lasoap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/** A stand-in ITK endpoint on a random port that answers every request with one canned HTTP response. */
final class CannedSoapServer implements AutoCloseable {
    /** One received request. */
    record Request(String soapAction, String body) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile int status = 200;
    private volatile String body = "";
    private volatile boolean hold;

    private CannedSoapServer(HttpServer server) {
        this.server = server;
        server.createContext("/itk", this::handle);
        server.start();
    }

    static CannedSoapServer http() throws IOException {
        return new CannedSoapServer(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
    }

    static CannedSoapServer https(SSLContext ssl) throws IOException {
        HttpsServer s = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        s.setHttpsConfigurator(new HttpsConfigurator(ssl));
        return new CannedSoapServer(s);
    }

    CannedSoapServer answer(int status, String body) {
        this.status = status;
        this.body = body;
        return this;
    }

    /** Holds every response until {@link #close()}, to provoke a client timeout. */
    CannedSoapServer hold() {
        this.hold = true;
        return this;
    }

    String url(String scheme) {
        return scheme + "://localhost:" + server.getAddress().getPort() + "/itk";
    }

    List<Request> requests() {
        return requests;
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.add(new Request(exchange.getRequestHeaders().getFirst("SOAPAction"),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
        if (hold) {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/xml; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
    }
}
