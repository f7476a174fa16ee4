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
    /** Only in {@link #createWithSilentReadClinic()}: a second clinical agency whose setting is silent-read. */
    public static final String SILENT_CLINIC = "demo-sexual-health";

    private final Path dataDir;
    private final TestDatabase database;
    private final Map<String, String> apiKeys = new LinkedHashMap<>();
    private final String webhookSecret = random();
    private final String trustAuthToken = random();
    private final int brokerPort;
    private final String subjectIndexKey = random();
    private final String keystorePassword = random();
    private final String auditKey = random();
    private final String identityEventsSecret = random();
    private final String quarantineKey = random();
    private final String igApiKey = random();
    private final String opsApiKey = random();
    /** Named people (ADR 0047): account name to password and to personal API token, generated for this run. */
    private final Map<String, String> passwords = new LinkedHashMap<>();
    private final Map<String, String> tokens = new LinkedHashMap<>();
    private final Map<String, String> peopleProperties = new LinkedHashMap<>();

    private final boolean silentReadClinic;

    private TestEnvironment(Path dataDir) {
        this(dataDir, false);
    }

    private TestEnvironment(Path dataDir, boolean silentReadClinic) {
        this(dataDir, silentReadClinic, TestDatabase.create(dataDir));
    }

    private TestEnvironment(Path dataDir, boolean silentReadClinic, TestDatabase database) {
        this.dataDir = dataDir;
        this.silentReadClinic = silentReadClinic;
        this.database = database;
        apiKeys.put(TRUST, random());
        apiKeys.put(CHARITY, random());
        apiKeys.put(LA_CSV, random());
        apiKeys.put(LA_SOAP, random());
        apiKeys.put(SILENT_CLINIC, random());
        this.brokerPort = freePort();
        writeRegistry();
        // why: cost 4 keeps the test start fast; production hashes use the encoder's default strength
        org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder bcrypt =
                new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder(4);
        for (String[] person : new String[][] {{OPERATOR, "OPERATOR"}, {IG_LEAD, "IG_LEAD"}, {AUDITOR, "AUDITOR"},
                {OTHER_OPERATOR, "OPERATOR"}}) {
            String name = person[0];
            passwords.put(name, random());
            tokens.put(name, random());
            peopleProperties.put("seamless.security.people." + name + ".role", person[1]);
            peopleProperties.put("seamless.security.people." + name + ".password-hash",
                    "{bcrypt}" + bcrypt.encode(passwords.get(name)));
            peopleProperties.put("seamless.security.people." + name + ".api-token-sha256",
                    AgencyAuthenticator.sha256Hex(tokens.get(name)));
        }
    }

    /** A named operator, IG lead and auditor, and a second operator (ADR 0047). */
    public static final String OPERATOR = "olivia-operator";
    public static final String IG_LEAD = "ian-ig-lead";
    public static final String AUDITOR = "ada-auditor";
    public static final String OTHER_OPERATOR = "oscar-operator";

    /** The person's password (HTTP Basic), generated for this run. */
    public String password(String person) {
        return passwords.get(person);
    }

    /** The person's API token ({@code X-API-Key}), generated for this run. */
    public String token(String person) {
        return tokens.get(person);
    }

    /** An {@code Authorization: Basic} value for the person. */
    public String basic(String person) {
        return "Basic " + Base64.getEncoder().encodeToString((person + ":" + passwords.get(person))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * The usual registry plus {@link #SILENT_CLINIC}, an nhs-trust agency whose alert setting is
     * silent-read. Opt-in: a second trust would receive every LA's notice responses in other tests.
     */
    public static TestEnvironment createWithSilentReadClinic() {
        try {
            return new TestEnvironment(Files.createTempDirectory("seamless-test-"), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The usual environment on the embedded H2 database even where PostgreSQL is reachable. */
    public static TestEnvironment createOnH2() {
        try {
            Path dir = Files.createTempDirectory("seamless-test-");
            return new TestEnvironment(dir, false, TestDatabase.h2(dir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
                    ods-code: DEMO1 # TestNotices.HOSPITAL_ODS: notices must name their sender
                    api-key-sha256: %5$s
                    adapter:
                      type: nhs-fhir
                      params:
                        # the demo trust simulator; {{...}} is resolved at the first push, once the random port is known
                        endpoint: ${seamless.test.trust-fhir-endpoint:http://localhost:{{local.server.port}}/demo/demo-trust/fhir}
                        auth-token: %9$s
                    policy:
                      host-local-authority: %2$s
                      alert-subscriptions: [%2$s, %3$s]
                      alert-settings: "ed|Emergency Department|false"
                  - id: %2$s
                    kind: local-authority
                    la-code: E08000035
                    api-key-sha256: %10$s
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
                    api-key-sha256: %11$s
                    adapter:
                      type: la-soap
                      params:
                        # the demo LA's ITK endpoint (CXF); {{...}} is resolved at the first send
                        endpoint: ${seamless.test.la-soap-endpoint:http://localhost:{{local.server.port}}/soap/demo/demo-la-soap}
                        timeout-ms: ${seamless.test.la-soap-timeout-ms:5000}
                    policy:
                      # discharge to assess: the new events and the Care Act notices generated from them (ADR 0061)
                      d2a-output: both
                    delivery:
                      deadline: ${seamless.test.la-soap-deadline:}
                      probe: ${seamless.test.la-soap-health-url:tcp}
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
                trustAuthToken, AgencyAuthenticator.sha256Hex(apiKeys.get(LA_CSV)),
                AgencyAuthenticator.sha256Hex(apiKeys.get(LA_SOAP)));
        if (silentReadClinic) {
            yaml += """
                  - id: %1$s
                    name: Demo Sexual Health Service
                    kind: nhs-trust
                    ods-code: TST05
                    api-key-sha256: %2$s
                    adapter:
                      type: nhs-fhir
                      params:
                        endpoint: http://localhost:{{local.server.port}}/demo/demo-trust/fhir
                    policy:
                      host-local-authority: %3$s
                      alert-settings: "shs|Sexual Health Clinic|true"
                """.formatted(SILENT_CLINIC, AgencyAuthenticator.sha256Hex(apiKeys.get(SILENT_CLINIC)), LA_CSV);
        }
        try {
            Files.writeString(registryFile(), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private final Map<String, String> extraProperties = new LinkedHashMap<>();

    /**
     * Registers voluntary organisations on the webhook adapter with no webhook URL (they use the pull
     * inbox), each with a generated API key and webhook secret; call before the application starts.
     */
    public TestEnvironment withCharities(String... ids) {
        StringBuilder yaml = new StringBuilder();
        for (String id : ids) {
            yaml.append("""
                      - id: %1$s
                        kind: voluntary-org
                        api-key-sha256: ${key:%1$s}
                        adapter:
                          type: vcs-webhook
                          params:
                            webhook-secret: %2$s
                    """.formatted(id, randomSecret()));
        }
        return withAgencies(yaml.toString(), ids);
    }

    /**
     * Appends agencies (YAML list items, indented as in the registry) with an API key generated for each
     * id in {@code withKeys}; call before the application starts. The key's digest is substituted for
     * {@code ${key:<id>}} in the YAML.
     */
    public TestEnvironment withAgencies(String yamlItems, String... withKeys) {
        String yaml = yamlItems;
        for (String id : withKeys) {
            apiKeys.put(id, random());
            yaml = yaml.replace("${key:" + id + "}", AgencyAuthenticator.sha256Hex(apiKeys.get(id)));
        }
        try {
            Files.writeString(registryFile(), Files.readString(registryFile()) + yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /**
     * The shipped sharing rules plus one TEST-ONLY rule ({@code test-referral-notice-without-consent}):
     * referrals from a voluntary organisation to {@code agency} without consent go pseudonymised,
     * under a basis the rule names for that. Call before the application starts.
     */
    public TestEnvironment withPseudonymisedReferralsTo(String agency) {
        try (java.io.InputStream in = TestEnvironment.class.getResourceAsStream("/config/sharing-rules.yml")) {
            String rules = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8) + """
                  - id: test-referral-notice-without-consent
                    event: referral
                    from: voluntary-org
                    to: voluntary-org
                    agencies: [%s]
                    purpose: referral
                    legal-basis: "UK GDPR Art. 6(1)(a) and 9(2)(a) explicit consent"
                    consent-required: true
                    release: identifiable
                    profile: referral
                    overrides-objection: false
                    without-consent:
                      legal-basis: "TEST ONLY: a basis this test rule names for a pseudonymised notice"
                      profile: referral-pseudonymised
                """.formatted(agency);
            Path file = dataDir.resolve("sharing-rules-test.yml");
            Files.writeString(file, rules);
            return withProperty("seamless.sharing-rules", "file:" + file.toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets an application property for this environment (after the defaults, so it wins). */
    public TestEnvironment withProperty(String name, String value) {
        extraProperties.put(name, value);
        return this;
    }

    /** A random secret of 256 bits, URL-safe Base64. */
    public static String randomSecret() {
        return random();
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

    /** The secret the MNS simulator signs identity events with (ADR 0084). */
    public String identityEventsSecret() {
        return identityEventsSecret;
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
        p.put("seamless.delivery.retry-delay-ms", "100");
        p.put("seamless.keys.subject-index-key", subjectIndexKey);
        p.put("seamless.keys.keystore-password", keystorePassword);
        p.put("seamless.keys.audit-key", auditKey);
        p.put("seamless.keys.quarantine-key", quarantineKey);
        // the identity events subscriber (ADR 0084), signed by the MNS simulator with this run's secret
        p.put("seamless.identity-events.enabled", "true");
        p.put("seamless.identity-events.signing-secrets", identityEventsSecret);
        p.put("seamless.ig.api-key-sha256", AgencyAuthenticator.sha256Hex(igApiKey));
        p.put("seamless.ig.ops-api-key-sha256", AgencyAuthenticator.sha256Hex(opsApiKey));
        // the shared keys stay on in tests that predate named accounts; NamedPeopleIT covers both
        p.put("seamless.security.shared-keys-enabled", "true");
        p.putAll(peopleProperties);
        p.putAll(extraProperties);
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
