package org.seamless.app.security;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * With the {@code production} profile active, refuses to start (before any bean, so before the
 * broker or a web port opens) when the configuration is a demo one: demo mode or simulators on,
 * the demo registry or demo postcode directory, any secret Seamless reads (its own keys and
 * passwords, broker user passwords, and every adapter parameter the registry marks secret) that
 * demo mode generated or that is well known, short or of low entropy ({@link SecretScreen}), an
 * API-key digest of a demo key, HTTP without TLS, a broker TCP acceptor without TLS, or no configured
 * OAuth2 audience. Each refusal names the setting, never its value.
 */
public final class ProductionReadinessCheck implements BeanFactoryPostProcessor, EnvironmentAware {
    static final String PROFILE = "production";

    /** Secret settings, checked for demo values, well-known values and length. */
    static final List<String> SECRETS = List.of("seamless.privacy.keystore-password", "seamless.privacy.subject-index-key",
            "seamless.ledger.audit-key", "seamless.keys.quarantine-key", "seamless.broker.tls-key-store-password",
            "server.ssl.key-store-password", "spring.datasource.password");
    /** Digest settings: refused when they are the digest of a demo key. */
    static final List<String> DIGESTS = List.of("seamless.ig.api-key-sha256", "seamless.ig.ops-api-key-sha256",
            "seamless.metrics.scrape-token-sha256");
    static final String DEMO_REGISTRY = "classpath:config/agencies.yml";
    static final String DEMO_POSTCODES = "classpath:config/postcodes-demo.csv";

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
        SecretScreen screen = SecretScreen.forDataDir(Path.of(env.getProperty("seamless.data-dir", "./data")));
        for (String key : SECRETS) {
            // a missing secret is refused where it is used, with its own message
            screen.problem(env.getProperty(key, "")).ifPresent(p -> problems.add(key + " " + p));
        }
        Binder.get(env).bind("seamless.broker.passwords", Bindable.mapOf(String.class, String.class))
                .orElse(Map.of()).forEach((user, password) -> screen.problem(password)
                        .ifPresent(p -> problems.add("seamless.broker.passwords." + user + " " + p)));
        for (String key : DIGESTS) {
            if (screen.isDemoDigest(env.getProperty(key, ""))) {
                problems.add(key + " is the digest of a demo key");
            }
        }
        problems.addAll(RegistrySecrets.problems(env, screen));
        String registry = env.getProperty("seamless.registry", DEMO_REGISTRY);
        if (registry.replace("classpath:/", "classpath:").equals(DEMO_REGISTRY)) {
            problems.add("seamless.registry is the demo agency registry: name your own (SEAMLESS_REGISTRY)");
        }
        if (env.getProperty("seamless.routing.postcode-directory", DEMO_POSTCODES).endsWith("postcodes-demo.csv")) {
            problems.add("seamless.routing.postcode-directory is the made-up demo directory: load the ONSPD"
                    + " (SEAMLESS_ROUTING_POSTCODE_DIRECTORY)");
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
        if (env.getProperty("seamless.security.shared-keys-enabled", Boolean.class, false)) {
            problems.add("seamless.security.shared-keys-enabled is true: operators and IG leads use named accounts "
                    + "(seamless.security.people), not shared keys (ADR 0047)");
        }
        for (String demo : new String[] {org.seamless.app.demo.DemoCredentials.OPERATOR,
                org.seamless.app.demo.DemoCredentials.IG_LEAD, org.seamless.app.demo.DemoCredentials.AUDITOR}) {
            if (env.containsProperty("seamless.security.people." + demo + ".role")) {
                problems.add("seamless.security.people." + demo + " is a demo account");
            }
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
}
