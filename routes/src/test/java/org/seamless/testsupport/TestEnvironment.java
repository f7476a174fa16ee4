package org.seamless.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.seamless.adapters.spi.AgencyAuthenticator;

/**
 * Everything a test needs to run Seamless for real: a fresh data directory, a registry of the
 * four demo agencies with API keys and secrets generated for this run, a free broker port and
 * the test database. The same properties start Seamless in-process or as a child JVM.
 */
public final class TestEnvironment implements AutoCloseable {
    public static final String TRUST = "demo-trust";
    public static final String LA_CSV = "demo-la-csv";
    public static final String LA_SOAP = "demo-la-soap";
    public static final String CHARITY = "demo-charity";

    private final Path dataDir;
    private final TestDatabase database;
    private final Map<String, String> apiKeys = new LinkedHashMap<>();
    private final String webhookSecret = random();
    private final String trustAuthToken = random();
    private final int brokerPort;
    private final String subjectIndexKey = random();
    private final String keystorePassword = random();
    private final String auditKey = random();
    private final String igApiKey = random();
    private final String opsApiKey = random();

    private TestEnvironment(Path dataDir) {
        this.dataDir = dataDir;
        this.database = TestDatabase.create(dataDir);
        apiKeys.put(TRUST, random());
        apiKeys.put(CHARITY, random());
        this.brokerPort = freePort();
        writeRegistry();
    }

    public static TestEnvironment create() {
        try {
            return new TestEnvironment(Files.createTempDirectory("seamless-test-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeRegistry() {
        String yaml = """
                agencies:
                  - id: %1$s
                    kind: nhs-trust
                    ods-code: TST01
                    api-key-sha256: %5$s
                    adapter:
                      type: nhs-fhir
                      params:
                        # the demo trust simulator; {{...}} is resolved at the first push, once the random port is known
                        endpoint: http://localhost:{{local.server.port}}/demo/demo-trust/fhir
                        auth-token: %9$s
                        host-local-authority: %2$s
                  - id: %2$s
                    kind: local-authority
                    la-code: E08000035
                    adapter:
                      type: la-csv
                      params:
                        outbox: %7$s/agencies/%2$s/outbox
                        state-dir: %7$s/agencies/%2$s/state
                        inbox: %7$s/agencies/%2$s/inbox
                  - id: %3$s
                    kind: local-authority
                    ods-code: TST03
                    la-code: E07000990
                    adapter:
                      type: la-soap
                      params:
                        # the demo LA's ITK endpoint (CXF); {{...}} is resolved at the first send
                        endpoint: http://localhost:{{local.server.port}}/soap/demo/demo-la-soap
                        timeout-ms: 5000
                  - id: %4$s
                    kind: voluntary-org
                    ods-code: TST04
                    api-key-sha256: %6$s
                    adapter:
                      type: vcs-webhook
                      params:
                        webhook-url: http://localhost:{{local.server.port}}/demo/demo-charity/webhook
                        webhook-secret: %8$s
                """.formatted(TRUST, LA_CSV, LA_SOAP, CHARITY, AgencyAuthenticator.sha256Hex(apiKeys.get(TRUST)),
                AgencyAuthenticator.sha256Hex(apiKeys.get(CHARITY)), dataDir.toAbsolutePath(), webhookSecret,
                trustAuthToken);
        try {
            Files.writeString(registryFile(), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path registryFile() {
        return dataDir.resolve("agencies.yml");
    }

    public Path dataDir() {
        return dataDir;
    }

    public TestDatabase database() {
        return database;
    }

    public String apiKey(String agency) {
        return apiKeys.get(agency);
    }

    public Path outbox(String agency) {
        return dataDir.resolve("agencies").resolve(agency).resolve("outbox");
    }

    /** The inbox of a CSV agency (consents-*.csv files are picked up from it). */
    public Path inbox(String agency) {
        return dataDir.resolve("agencies").resolve(agency).resolve("inbox");
    }

    /** The demo charity's webhook secret, generated for this run. */
    public String webhookSecret() {
        return webhookSecret;
    }

    /** The bearer token the trust sink presents to the trust simulator, generated for this run. */
    public String trustAuthToken() {
        return trustAuthToken;
    }

    /** The information-governance API key (disclosure reports), generated for this run. */
    public String igApiKey() {
        return igApiKey;
    }

    /** The operator API key (replay), generated for this run. */
    public String opsApiKey() {
        return opsApiKey;
    }

    public int brokerPort() {
        return brokerPort;
    }

    /** Application properties for this environment (server port left to the caller). */
    public Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>(database.springProperties());
        p.put("seamless.data-dir", dataDir.toAbsolutePath().toString());
        p.put("seamless.registry", "file:" + registryFile().toAbsolutePath());
        p.put("seamless.demo.enabled", "false");
        p.put("seamless.demo.simulators", "true");
        p.put("seamless.broker.tcp-port", Integer.toString(brokerPort));
        p.put("seamless.broker.redelivery-delay-ms", "50");
        p.put("seamless.keys.subject-index-key", subjectIndexKey);
        p.put("seamless.keys.keystore-password", keystorePassword);
        p.put("seamless.keys.audit-key", auditKey);
        p.put("seamless.ig.api-key-sha256", AgencyAuthenticator.sha256Hex(igApiKey));
        p.put("seamless.ig.ops-api-key-sha256", AgencyAuthenticator.sha256Hex(opsApiKey));
        return p;
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String random() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    @Override
    public void close() {
        database.close();
    }
}
