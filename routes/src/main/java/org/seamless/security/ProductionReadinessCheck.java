package org.seamless.security;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import org.seamless.mappings.canonical.Digests;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * With the {@code production} profile active, refuses to start (before any bean, so before the
 * broker or a web port opens) when the configuration is a demo one: demo mode or simulators on,
 * a secret equal to one the demo generated, a well-known or short secret, HTTP without TLS, a
 * broker TCP acceptor without TLS, or no configured OAuth2 audience. Each refusal names the setting,
 * never its value.
 */
public final class ProductionReadinessCheck implements BeanFactoryPostProcessor, EnvironmentAware {
    static final String PROFILE = "production";

    /** Secret settings, checked for demo values, well-known values and length. */
    static final List<String> SECRETS = List.of("seamless.privacy.keystore-password", "seamless.privacy.subject-index-key",
            "seamless.ledger.audit-key", "seamless.broker.tls-key-store-password", "server.ssl.key-store-password");
    /** Digest settings: refused when they are the digest of a demo key. */
    static final List<String> DIGESTS = List.of("seamless.ig.api-key-sha256", "seamless.ig.ops-api-key-sha256");
    private static final Set<String> WELL_KNOWN = Set.of("changeit", "changeme", "password", "secret", "seamless",
            "admin", "test", "test-only", "demo", "letmein");
    private static final int MIN_SECRET_LENGTH = 16;

    private Environment env;

    @Override
    public void setEnvironment(Environment environment) {
        this.env = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        if (env.acceptsProfiles(Profiles.of(PROFILE))) {
            List<String> problems = problems(env);
            if (!problems.isEmpty()) {
                throw new IllegalStateException("the production profile refuses this configuration:\n  - "
                        + String.join("\n  - ", problems));
            }
        }
    }

    /** Every reason this environment is not fit for production (empty: fit). */
    static List<String> problems(Environment env) {
        List<String> problems = new ArrayList<>();
        if (env.getProperty("seamless.demo.enabled", Boolean.class, false)) {
            problems.add("seamless.demo.enabled is true: demo mode generates its secrets into the data directory");
        }
        if (env.getProperty("seamless.demo.simulators", Boolean.class, false)) {
            problems.add("seamless.demo.simulators is true: the demo agencies' systems would run inside Seamless");
        }
        if (env instanceof ConfigurableEnvironment c && c.getPropertySources().contains("seamless-demo-credentials")) {
            problems.add("demo credentials are loaded");
        }
        Properties demo = demoSecrets(Path.of(env.getProperty("seamless.data-dir", "./data")));
        Set<String> demoDigests = new java.util.HashSet<>();
        demo.stringPropertyNames().forEach(k -> demoDigests.add(Digests.sha256Hex(demo.getProperty(k))));
        for (String key : SECRETS) {
            String value = env.getProperty(key, "");
            if (value.isEmpty()) {
                continue; // a missing secret is refused where it is used, with its own message
            }
            if (demo.containsValue(value)) {
                problems.add(key + " is a demo secret (from the data directory's demo/credentials.properties)");
            } else if (WELL_KNOWN.contains(value.toLowerCase(Locale.ROOT))) {
                problems.add(key + " is a well-known default value");
            } else if (value.length() < MIN_SECRET_LENGTH) {
                problems.add(key + " is shorter than " + MIN_SECRET_LENGTH + " characters");
            }
        }
        for (String key : DIGESTS) {
            if (demoDigests.contains(env.getProperty(key, ""))) {
                problems.add(key + " is the digest of a demo key");
            }
        }
        if (!env.getProperty("server.ssl.enabled", Boolean.class, false)) {
            problems.add("server.ssl.enabled is not true: every HTTP edge must use TLS");
        }
        if (!"external".equalsIgnoreCase(env.getProperty("seamless.broker.mode", "embedded"))
                && env.getProperty("seamless.broker.tcp-enabled", Boolean.class, true)
                && env.getProperty("seamless.broker.tls-key-store", "").isBlank()) {
            problems.add("seamless.broker.tcp-enabled is true without seamless.broker.tls-key-store: "
                    + "the broker's TCP acceptor must use TLS (or set tcp-enabled false)");
        }
        problems.addAll(tokenAudienceProblems(env));
        return problems;
    }

    /**
     * The OAuth2 audience client assertions must name is configured (ADR 0038): the fallback outside
     * production is a localhost URL, which names no production server.
     */
    static List<String> tokenAudienceProblems(Environment env) {
        String audience = env.getProperty("seamless.security.token-audience", "").strip();
        if (audience.isEmpty()) {
            return List.of("seamless.security.token-audience is not set: client assertions must be addressed to "
                    + "this deployment's token endpoint URL (https://<public host>/oauth2/token)");
        }
        if (audience.regionMatches(true, 0, "http:", 0, 5)) {
            return List.of("seamless.security.token-audience is an http URL: the token endpoint is served over https");
        }
        return List.of();
    }

    private static Properties demoSecrets(Path dataDir) {
        Properties p = new Properties();
        Path file = dataDir.resolve("demo/credentials.properties");
        if (Files.isReadable(file)) {
            try (Reader r = Files.newBufferedReader(file)) {
                p.load(r);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + file + " to check for demo secrets", e);
            }
        }
        return p;
    }
}
