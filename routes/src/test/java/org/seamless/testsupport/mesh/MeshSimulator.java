package org.seamless.testsupport.mesh;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.TrustManagerFactory;
import org.seamless.testsupport.TestPki;

/**
 * An in-process MESH (Message Exchange for Social Care and Health) server for tests, since no MESH
 * sandbox can be reached from the build machines: the REST API as the published specification
 * describes it, on a random port, over HTTP or HTTPS (optionally requiring a client certificate).
 *
 * <p><b>Follows</b> the MESH API specification {@code specification/mesh-api.yaml}, {@code info.version}
 * {@value #SPEC_VERSION}, of github.com/NHSDigital/mesh-api-specification at commit {@value #SPEC_COMMIT}
 * ({@value #SPEC_DATE}). Implemented from that document (no code of NHS England's sandbox or clients):
 * <ul>
 *   <li>the {@code NHSMESH} authorisation header: HMAC-SHA256 (environment shared secret) of
 *       {@code mailbox:nonce:nonce_count:password:timestamp}, timestamp within 2 hours, each token
 *       once only, mailbox equal to the path's; 403 otherwise ({@link #authRefusals()} says why);</li>
 *   <li>handshake {@code POST /messageexchange/{mailbox}} (400 without mex-clientversion, mex-osname,
 *       mex-osversion); inbox list (v2: {@code max_results} 10-5000, default 500, {@code links.self/next},
 *       {@code continue_from}, {@code approx_inbox_count}; {@code workflow_filter}); download and HEAD with
 *       the {@code mex-*} headers, 206 and {@code mex-chunk-range 1:n} for the first chunk of a chunked
 *       message, chunk download; acknowledge (the message leaves the inbox: 410 afterwards); the
 *       deprecated count; send (202 {@code message_id}; 417 with the specification's error codes 06
 *       malformed headers, 07 from-address mismatch, 08 missing mex-to, 12 unregistered to address,
 *       17 workflow not registered for the sender or the recipient); chunk upload (delivered only when
 *       every chunk arrived; 404 unknown message, 423 after the last chunk); tracking by message id (v2
 *       and v1 shapes) and by local id (deprecated, v1 shape, 300 when not unique); endpoint lookup and
 *       workflow search;</li>
 *   <li>v2 responses for {@code Accept: application/vnd.mesh.v2+json}, v1 otherwise (the default);</li>
 *   <li>expiry: a message not acknowledged within 5 days of delivery leaves the inbox (410) and its
 *       sender receives an error {@code REPORT} (empty body, mex-statuscode 14, mex-statussuccess ERROR,
 *       mex-linkedmsgid...); uncollected messages are deleted after 30 days;</li>
 *   <li>non-delivery reports on demand ({@link #failNextDelivery}).</li>
 * </ul>
 *
 * <p><b>Deliberately not modelled:</b> the 100 MB request and 100 GB message limits; decompression or
 * checksum checks (bytes and {@code content-encoding} are kept and returned as sent); the 24-hour
 * handshake obligation; binding the client certificate's subject to the mailbox (any certificate the
 * test CA issued is accepted); demographic addressing in mex-to; the rich inbox and mailbox-info
 * endpoints outside the specification; the abandonment of a chunked upload never completed; expiry of
 * error reports producing further reports (a report that is not collected just leaves the inbox).
 *
 * <p><b>Time:</b> messages live on the simulator's clock, which {@link #advanceClock} moves (and runs
 * MESH's housekeeping); the 2-hour authorisation window is checked against the real clock, so a client
 * that signs with the system clock keeps authenticating after a test moves time on by days.
 */
public final class MeshSimulator implements AutoCloseable {
    /** {@code info.version} of the specification followed. */
    public static final String SPEC_VERSION = "2.0.0";
    /** Commit of github.com/NHSDigital/mesh-api-specification the specification was read at. */
    public static final String SPEC_COMMIT = "7cfdcc4e33f35701f6f95bd303b90bcd7cd219d8";
    /** Date of that commit. */
    public static final String SPEC_DATE = "2026-05-06";

    /** A snapshot of one message the simulator holds, for assertions. */
    public record Held(String messageId, String messageType, String from, String to, String inboxOf, String workflowId,
                       String localId, String subject, String fileName, String status, String statusCode,
                       String statusDescription, String linkedMessageId, int chunks, byte[] content,
                       Instant deliveredAt, Instant acknowledgedAt, boolean expired) {
    }

    /** What the HTTP side saw, for assertions. */
    static final class Observations {
        final List<String> refusals = new CopyOnWriteArrayList<>();
        final List<String> sendErrors = new CopyOnWriteArrayList<>();
        final List<String> clientSubjects = new CopyOnWriteArrayList<>();
        final Map<String, Integer> handshakes = new ConcurrentHashMap<>();
        final Map<String, Integer> downloads = new ConcurrentHashMap<>();
        final AtomicInteger serverErrors = new AtomicInteger();
    }

    static {
        // why: as in PdsSimulator, the JDK server writes headers and body apart, and with Nagle's algorithm each
        // answer waits for the client's delayed ACK (tens of ms). Read once, when the JDK's server configuration loads
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final MeshPostOffice office = new MeshPostOffice(Clock.systemUTC());
    private final Observations seen = new Observations();
    private final String scheme;

    private MeshSimulator(String sharedSecret, TestPki pki, boolean requireClientCertificate) throws Exception {
        MeshApi api = new MeshApi(office, new MeshAuthenticator(sharedSecret, Clock.systemUTC()), seen);
        InetSocketAddress any = new InetSocketAddress("127.0.0.1", 0);
        if (pki == null) {
            server = HttpServer.create(any, 0);
            scheme = "http";
        } else {
            HttpsServer https = HttpsServer.create(any, 0);
            SSLContext tls = serverContext(pki);
            https.setHttpsConfigurator(new HttpsConfigurator(tls) {
                @Override
                public void configure(HttpsParameters params) {
                    SSLParameters p = tls.getDefaultSSLParameters();
                    if (requireClientCertificate) {
                        p.setNeedClientAuth(true);
                    } else {
                        p.setWantClientAuth(true); // why: a certificate the client presents is still recorded
                    }
                    params.setSSLParameters(p);
                }
            });
            server = https;
            scheme = "https";
        }
        server.createContext("/messageexchange", ex -> {
            if (ex instanceof HttpsExchange hx) {
                try {
                    seen.clientSubjects.add(((X509Certificate) hx.getSSLSession().getPeerCertificates()[0])
                            .getSubjectX500Principal().getName());
                } catch (SSLPeerUnverifiedException none) {
                    seen.clientSubjects.add("");
                }
            }
            api.handle(ex);
        });
        server.setExecutor(executor);
        server.start();
    }

    /** Over plain HTTP. */
    public static MeshSimulator http(String sharedSecret) throws Exception {
        return new MeshSimulator(sharedSecret, null, false);
    }

    /** Over HTTPS with a server certificate from {@code pki}; a client certificate it issued required when asked. */
    public static MeshSimulator https(String sharedSecret, TestPki pki, boolean requireClientCertificate)
            throws Exception {
        return new MeshSimulator(sharedSecret, pki, requireClientCertificate);
    }

    /** e.g. {@code https://localhost:41234} (the MESH paths start {@code /messageexchange/}). */
    public String baseUrl() {
        return scheme + "://localhost:" + server.getAddress().getPort();
    }

    public MeshMailbox register(MeshMailbox mailbox) {
        office.register(mailbox);
        return mailbox;
    }

    /** The simulator's clock. */
    public Instant now() {
        return office.now();
    }

    /** Moves the simulator's clock on and runs MESH's housekeeping (expiry, reports, purge) at the new time. */
    public void advanceClock(Duration by) {
        office.advance(by);
    }

    /** Runs MESH's housekeeping at the simulator's current time. */
    public void expireUndelivered() {
        office.expireUndelivered();
    }

    /**
     * The next message whose upload completes is not delivered: its sender gets an error report
     * with this status code and description (event TRANSFER), its tracking says undeliverable.
     */
    public void failNextDelivery(String statusCode, String description) {
        office.failNextDelivery(null, statusCode, description);
    }

    /** As {@link #failNextDelivery(String, String)}, for the next message to {@code recipient} only. */
    public void failNextDeliveryTo(String recipient, String statusCode, String description) {
        office.failNextDelivery(recipient, statusCode, description);
    }

    /** What {@code mailbox}'s inbox holds now (DATA and REPORT messages), in the order sent. */
    public List<Held> inbox(String mailbox) {
        return office.inbox(mailbox, m -> true).stream().map(MeshMessage::view).toList();
    }

    /** Messages {@code mailbox} acknowledged. */
    public List<Held> acknowledgedBy(String mailbox) {
        return office.all(m -> m.inboxOwner.equals(mailbox) && m.acknowledgedAt != null);
    }

    /** DATA messages {@code mailbox} sent, whatever became of them. */
    public List<Held> sentBy(String mailbox) {
        return office.all(m -> "DATA".equals(m.type) && mailbox.equals(m.from));
    }

    public Optional<Held> message(String messageId) {
        return office.find(messageId).map(MeshMessage::view);
    }

    /** Why each refused request was refused (403), in order: e.g. {@code REPLAYED}, {@code BAD_HASH}. */
    public List<String> authRefusals() {
        return List.copyOf(seen.refusals);
    }

    /** The error code (or HTTP status) of each refused send or chunk upload, in order. */
    public List<String> sendErrors() {
        return List.copyOf(seen.sendErrors);
    }

    /** The subject of the client certificate of each request over HTTPS ({@code ""}: none presented). */
    public List<String> clientCertificateSubjects() {
        return List.copyOf(seen.clientSubjects);
    }

    public int handshakes(String mailbox) {
        return seen.handshakes.getOrDefault(mailbox, 0);
    }

    /** Requests the simulator failed on itself (500): a test should expect none. */
    public int serverErrors() {
        return seen.serverErrors.get();
    }

    private static SSLContext serverContext(TestPki pki) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(pki.server().keyStore(), TestPki.password().toCharArray());
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", pki.caCertificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
        return ctx;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
