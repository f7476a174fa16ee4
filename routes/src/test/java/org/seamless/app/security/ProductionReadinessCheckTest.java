package org.seamless.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seamless.mappings.canonical.Digests;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.mock.env.MockEnvironment;

class ProductionReadinessCheckTest {
    private static final String GOOD_SECRET = "k7N2pQ9xW4mR8vT1zB6cY3hJ5";

    @TempDir
    Path dataDir;

    private MockEnvironment fit() {
        MockEnvironment env = new MockEnvironment();
        env.setActiveProfiles(ProductionReadinessCheck.PROFILE);
        env.setProperty("seamless.data-dir", dataDir.toString());
        env.setProperty("seamless.demo.enabled", "false");
        env.setProperty("server.ssl.enabled", "true");
        env.setProperty("seamless.broker.tls-key-store", "/run/secrets/broker.p12");
        env.setProperty("seamless.security.token-audience", "https://seamless.example.nhs.uk/oauth2/token");
        for (String key : ProductionReadinessCheck.SECRETS) {
            env.setProperty(key, GOOD_SECRET + key.length());
        }
        env.setProperty("seamless.keys.quarantine-key", GOOD_SECRET + "-quarantine-4Kp9");
        env.setProperty("seamless.registry", "file:" + registry(GOOD_SECRET + "w", GOOD_SECRET + "b", "f".repeat(64)));
        env.setProperty("seamless.routing.postcode-directory", "file:/srv/onspd/ONSPD_NOV_2026_UK.csv");
        return env;
    }

    /** A one-charity registry whose webhook secret, broker password and API-key digest are given. */
    private String registry(String webhookSecret, String brokerPassword, String keyDigest) {
        try {
            Path file = dataDir.resolve("agencies-" + Math.abs((webhookSecret + brokerPassword + keyDigest).hashCode())
                    + ".yml");
            Files.writeString(file, """
                    agencies:
                      - id: north-charity
                        name: North Charity
                        kind: voluntary-org
                        ods-code: NC001
                        api-key-sha256: %s
                        adapter:
                          type: vcs-webhook
                          params:
                            webhook-url: https://charity.example.org/hook
                            webhook-secret: "%s"
                            broker-password: "%s"
                    """.formatted(keyDigest, webhookSecret, brokerPassword));
            return file.toAbsolutePath().toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aProductionConfigurationPasses() {
        assertThat(ProductionReadinessCheck.problems(fit())).isEmpty();
    }

    @Test
    void sharedKeysAndTheDemoAccountsAreRefusedButNamedAccountsPass() {
        MockEnvironment named = fit().withProperty("seamless.security.people.asha-patel.role", "OPERATOR");
        assertThat(ProductionReadinessCheck.problems(named)).isEmpty();
        MockEnvironment env = fit().withProperty("seamless.security.shared-keys-enabled", "true")
                .withProperty("seamless.security.people.demo-operator.role", "OPERATOR")
                .withProperty("seamless.security.people.demo-ig-lead.role", "IG_LEAD")
                .withProperty("seamless.security.people.demo-auditor.role", "AUDITOR");
        assertThat(ProductionReadinessCheck.problems(env)).containsExactlyInAnyOrder(
                "seamless.security.shared-keys-enabled is true: operators and IG leads use named accounts "
                        + "(seamless.security.people), not shared keys (ADR 0047)",
                "seamless.security.people.demo-operator is a demo account",
                "seamless.security.people.demo-ig-lead is a demo account",
                "seamless.security.people.demo-auditor is a demo account");
    }

    @Test
    void demoModeSimulatorsAndPlainTransportsAreRefused() {
        MockEnvironment env = fit();
        env.setProperty("seamless.demo.enabled", "true");
        env.setProperty("seamless.demo.simulators", "true");
        env.setProperty("server.ssl.enabled", "false");
        env.setProperty("seamless.broker.tls-key-store", "");
        assertThat(ProductionReadinessCheck.problems(env)).hasSize(4)
                .anyMatch(p -> p.startsWith("seamless.demo.enabled"))
                .anyMatch(p -> p.startsWith("seamless.demo.simulators"))
                .anyMatch(p -> p.startsWith("server.ssl.enabled"))
                .anyMatch(p -> p.startsWith("seamless.broker.tcp-enabled"));
    }

    @Test
    void secretsTheDemoGeneratedAreRefusedWithoutShowingThem() throws Exception {
        String demoAuditKey = "Zq8-demo-generated-audit-key-4711";
        String demoIgKey = "Yd3-demo-generated-ig-key-0815";
        Files.createDirectories(dataDir.resolve("demo"));
        Files.writeString(dataDir.resolve("demo/credentials.properties"),
                "keys.audit-key=" + demoAuditKey + "\nig.api-key=" + demoIgKey + "\n");
        MockEnvironment env = fit();
        env.setProperty("seamless.ledger.audit-key", demoAuditKey);
        env.setProperty("seamless.ig.api-key-sha256", Digests.sha256Hex(demoIgKey));
        assertThat(ProductionReadinessCheck.problems(env))
                .containsExactlyInAnyOrder(
                        "seamless.ledger.audit-key is a demo secret (from the data directory's demo/credentials.properties)",
                        "seamless.ig.api-key-sha256 is the digest of a demo key")
                .noneMatch(p -> p.contains(demoAuditKey));
    }

    @Test
    void theDemoQuarantineKeyIsRefused() throws Exception {
        String demoQuarantineKey = "Qv2-demo-generated-quarantine-key-9184-Xw";
        Files.createDirectories(dataDir.resolve("demo"));
        Files.writeString(dataDir.resolve("demo/credentials.properties"),
                "keys.quarantine-key=" + demoQuarantineKey + "\n");
        MockEnvironment env = fit();
        env.setProperty("seamless.keys.quarantine-key", demoQuarantineKey);
        assertThat(ProductionReadinessCheck.problems(env)).containsExactly(
                "seamless.keys.quarantine-key is a demo secret (from the data directory's demo/credentials.properties)");
    }

    @Test
    void theRegistrysSecretsAndKeyDigestsAreChecked() throws Exception {
        String demoWebhookSecret = "Wh7-demo-generated-webhook-secret-5521";
        String demoCharityKey = "Ck4-demo-generated-charity-key-7730";
        Files.createDirectories(dataDir.resolve("demo"));
        Files.writeString(dataDir.resolve("demo/credentials.properties"), "demo-charity.webhook-secret="
                + demoWebhookSecret + "\ndemo-charity.api-key=" + demoCharityKey + "\n");
        MockEnvironment env = fit();
        env.setProperty("seamless.registry", "file:" + registry(demoWebhookSecret, "changeme",
                Digests.sha256Hex(demoCharityKey)));
        assertThat(ProductionReadinessCheck.problems(env)).containsExactlyInAnyOrder(
                "agency north-charity: adapter parameter webhook-secret is a demo secret (from the data directory's"
                        + " demo/credentials.properties)",
                "agency north-charity: adapter parameter broker-password is a well-known default value",
                "agency north-charity: api-key-sha256 is the digest of a demo key")
                .noneMatch(p -> p.contains(demoWebhookSecret));
    }

    @Test
    void brokerPasswordsAreChecked() {
        MockEnvironment env = fit();
        env.setProperty("seamless.broker.passwords.seamless-hub", "password");
        assertThat(ProductionReadinessCheck.problems(env)).containsExactly(
                "seamless.broker.passwords.seamless-hub is a well-known default value");
    }

    @Test
    void demoGeneratedValuesAreRecognisedByTheirMarkerWithoutTheCredentialsFile() {
        MockEnvironment env = fit();
        env.setProperty("seamless.ledger.audit-key", "seamlessdemo" + "q9Zr2LwX81vKc4TmYp6B");
        assertThat(ProductionReadinessCheck.problems(env)).containsExactly(
                "seamless.ledger.audit-key is a demo secret (it carries the demo marker)");
    }

    @Test
    void longButLowEntropySecretsAreRefused() {
        MockEnvironment env = fit();
        env.setProperty("seamless.privacy.subject-index-key", "abababababababababababababababab");
        assertThat(ProductionReadinessCheck.problems(env)).containsExactly(
                "seamless.privacy.subject-index-key has too little entropy (a random value of 16 or more characters"
                        + " is needed)");
    }

    @Test
    void theDemoRegistryAndDemoPostcodeDirectoryAreRefused() {
        MockEnvironment env = fit();
        env.setProperty("seamless.registry", "classpath:config/agencies.yml");
        env.setProperty("seamless.routing.postcode-directory", "classpath:config/postcodes-demo.csv");
        assertThat(ProductionReadinessCheck.problems(env)).containsExactlyInAnyOrder(
                "seamless.registry is the demo agency registry: name your own (SEAMLESS_REGISTRY)",
                "seamless.routing.postcode-directory is the made-up demo directory: load the ONSPD"
                        + " (SEAMLESS_ROUTING_POSTCODE_DIRECTORY)");
    }

    @Test
    void wellKnownAndShortSecretsAreRefused() {
        MockEnvironment env = fit();
        env.setProperty("seamless.privacy.keystore-password", "changeit");
        env.setProperty("server.ssl.key-store-password", "short-one");
        assertThat(ProductionReadinessCheck.problems(env)).containsExactlyInAnyOrder(
                "seamless.privacy.keystore-password is a well-known default value",
                "server.ssl.key-store-password is shorter than 16 characters");
    }

    @Test
    void anOAuth2AudienceMustBeConfiguredAsAnHttpsUrl() {
        MockEnvironment env = fit();
        env.setProperty("seamless.security.token-audience", "");
        assertThat(ProductionReadinessCheck.problems(env)).containsExactly("seamless.security.token-audience is not set: "
                + "client assertions must be addressed to this deployment's token endpoint URL "
                + "(https://<public host>/oauth2/token)");
        env.setProperty("seamless.security.token-audience", "http://seamless.example.nhs.uk/oauth2/token");
        assertThat(ProductionReadinessCheck.problems(env)).containsExactly(
                "seamless.security.token-audience is an http URL: the token endpoint is served over https");
    }

    @Test
    void theStartIsRefusedOnlyUnderTheProductionProfile() {
        MockEnvironment env = fit();
        env.setProperty("seamless.demo.enabled", "true");
        ProductionReadinessCheck check = new ProductionReadinessCheck();
        check.setEnvironment(env);
        assertThatThrownBy(() -> check.postProcessBeanFactory(new DefaultListableBeanFactory()))
                .hasMessageContaining("the production profile refuses this configuration")
                .hasMessageContaining("seamless.demo.enabled");
        env.setActiveProfiles("default");
        check.postProcessBeanFactory(new DefaultListableBeanFactory());
    }
}
