package org.seamless.app.demo;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.seamless.adapters.spi.AgencyAuthenticator;
import org.seamless.mappings.canonical.PrivateFiles;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * In demo mode ({@code seamless.demo.enabled=true}) makes the demo agencies' secrets on first
 * start and keeps them in {@code <data-dir>/demo/credentials.properties} (owner-only), so no secret
 * is ever committed and the demo still runs with one command. Exposes the key digests and secrets
 * as {@code seamless.demo.<agency>.*} and the demo key material as {@code seamless.keys.*}.
 */
public class DemoCredentials implements EnvironmentPostProcessor {
    public static final String FILE = "demo/credentials.properties";
    /**
     * The start of every value demo mode generates, so that the production profile recognises one
     * wherever it was copied to, even without the credentials file (ProductionReadinessCheck).
     * Values generated before the marker existed are recognised through the file.
     */
    // why: twelve base64url characters, so a marked key still decodes (keys are base64url, ADR 0037)
    public static final String MARKER = "seamlessdemo";
    /** The demo's named operator, IG lead and auditor (ADR 0047); their passwords are in the credentials file. */
    public static final String OPERATOR = "demo-operator";
    public static final String IG_LEAD = "demo-ig-lead";
    /** The demo's read-only auditor (the console's view-only role, ADR 0051). */
    public static final String AUDITOR = "demo-auditor";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication app) {
        if (!env.getProperty("seamless.demo.enabled", Boolean.class, false)) {
            return;
        }
        Path file = Path.of(env.getProperty("seamless.data-dir", "./data")).resolve(FILE);
        Properties secrets = loadOrCreate(file);
        Map<String, Object> exposed = new HashMap<>();
        for (String agency : new String[] {"demo-trust", "demo-charity", "demo-la-csv", "demo-la-soap",
                "demo-carers-centre", "demo-homecare"}) {
            exposed.put("seamless.demo." + agency + ".api-key-sha256",
                    AgencyAuthenticator.sha256Hex(secrets.getProperty(agency + ".api-key")));
        }
        exposed.put("seamless.demo.demo-charity.webhook-secret", secrets.getProperty("demo-charity.webhook-secret"));
        exposed.put("seamless.demo.demo-carers-centre.webhook-secret",
                secrets.getProperty("demo-carers-centre.webhook-secret"));
        exposed.put("seamless.demo.demo-homecare.webhook-secret", secrets.getProperty("demo-homecare.webhook-secret"));
        exposed.putIfAbsent("seamless.keys.subject-index-key", secrets.getProperty("keys.subject-index-key"));
        exposed.putIfAbsent("seamless.keys.keystore-password", secrets.getProperty("keys.keystore-password"));
        exposed.putIfAbsent("seamless.keys.audit-key", secrets.getProperty("keys.audit-key"));
        exposed.putIfAbsent("seamless.keys.quarantine-key", secrets.getProperty("keys.quarantine-key"));
        exposed.put("seamless.demo.ig.api-key-sha256", AgencyAuthenticator.sha256Hex(secrets.getProperty("ig.api-key")));
        exposed.put("seamless.demo.ops.api-key-sha256", AgencyAuthenticator.sha256Hex(secrets.getProperty("ops.api-key")));
        // named people (ADR 0047): one operator and one IG lead, passwords in the credentials file, hashed here
        org.springframework.security.crypto.password.PasswordEncoder encoder =
                org.springframework.security.crypto.factory.PasswordEncoderFactories.createDelegatingPasswordEncoder();
        exposed.put("seamless.security.people." + OPERATOR + ".role", "OPERATOR");
        exposed.put("seamless.security.people." + OPERATOR + ".password-hash",
                encoder.encode(secrets.getProperty(OPERATOR + ".password")));
        exposed.put("seamless.security.people." + IG_LEAD + ".role", "IG_LEAD");
        exposed.put("seamless.security.people." + IG_LEAD + ".password-hash",
                encoder.encode(secrets.getProperty(IG_LEAD + ".password")));
        exposed.put("seamless.security.people." + AUDITOR + ".role", "AUDITOR");
        exposed.put("seamless.security.people." + AUDITOR + ".password-hash",
                encoder.encode(secrets.getProperty(AUDITOR + ".password")));
        // the demo's shared keys keep working in demo mode only; the production profile refuses them
        exposed.put("seamless.security.shared-keys-enabled", "true");
        // lowest precedence: real configuration and environment variables still win
        env.getPropertySources().addLast(new MapPropertySource("seamless-demo-credentials", exposed));
    }

    private static Properties loadOrCreate(Path file) {
        Properties p = new Properties();
        try {
            if (Files.exists(file)) {
                try (Reader r = Files.newBufferedReader(file)) {
                    p.load(r);
                }
            }
            boolean changed = false;
            for (String key : new String[] {"demo-trust.api-key", "demo-charity.api-key", "demo-charity.webhook-secret",
                    "keys.subject-index-key", "keys.keystore-password", "keys.audit-key", "keys.quarantine-key", "ig.api-key",
                    "ops.api-key", "demo-la-csv.api-key", "demo-la-soap.api-key", "demo-carers-centre.api-key",
                    "demo-carers-centre.webhook-secret", "demo-homecare.api-key", "demo-homecare.webhook-secret",
                    OPERATOR + ".password", IG_LEAD + ".password",
                    AUDITOR + ".password"}) {
                if (p.getProperty(key) == null) {
                    p.setProperty(key, random());
                    changed = true;
                }
            }
            if (changed) {
                // why: the data directory and the file are owner-only from creation, never briefly readable
                PrivateFiles.directory(file.getParent().getParent());
                StringWriter text = new StringWriter();
                p.store(text, "Seamless demo secrets, generated on first start. Not for production.");
                PrivateFiles.writeString(file, text.toString());
            }
            return p;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or create demo credentials at " + file, e);
        }
    }

    private static String random() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return MARKER + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
