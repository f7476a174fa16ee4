package org.seamless.security;

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
        return env;
    }

    @Test
    void aProductionConfigurationPasses() {
        assertThat(ProductionReadinessCheck.problems(fit())).isEmpty();
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
