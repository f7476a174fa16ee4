package org.seamless.app.security;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.registry.AgencyRegistry;
import org.seamless.adapters.registry.AgencyRegistryLoader;
import org.seamless.adapters.spi.AdapterType;
import org.seamless.adapters.spi.AdapterTypes;
import org.seamless.adapters.spi.ParameterSpec;
import org.springframework.core.env.Environment;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;

/**
 * The agency registry's secrets, screened for production: every adapter parameter its template
 * marks secret (broker password, SFTP password and key, webhook secret, bearer token, trust-store
 * password) and every agency's API-key digest. A registry that does not load is left to the
 * registry's own start-up check, which names the fault.
 */
final class RegistrySecrets {

    private RegistrySecrets() {
    }

    static List<String> problems(Environment env, SecretScreen screen) {
        AdapterTypes types = AdapterTypes.discover(List.of(env.getProperty("seamless.adapter-types", String[].class,
                new String[0])));
        AgencyRegistry registry = load(env, types);
        List<String> problems = new ArrayList<>();
        if (registry == null) {
            return problems;
        }
        for (AgencyConfig agency : registry.all()) {
            String label = "agency " + agency.id() + ": ";
            AdapterType type = types.find(agency.adapter().type()).orElse(null);
            if (type != null) {
                for (ParameterSpec spec : type.parameters()) {
                    if (spec.secret()) {
                        agency.adapter().param(spec.name()).flatMap(screen::problem).ifPresent(p -> problems.add(
                                label + "adapter parameter " + spec.name() + " " + p));
                    }
                }
            }
            if (agency.apiKeySha256().filter(screen::isDemoDigest).isPresent()) {
                problems.add(label + "api-key-sha256 is the digest of a demo key");
            }
        }
        return problems;
    }

    private static AgencyRegistry load(Environment env, AdapterTypes types) {
        String location = env.getProperty("seamless.registry", ProductionReadinessCheck.DEMO_REGISTRY);
        Resource file = new DefaultResourceLoader().getResource(location);
        if (!file.exists()) {
            return null;
        }
        try (InputStream in = file.getInputStream()) {
            return new AgencyRegistryLoader(types, env::resolveRequiredPlaceholders).load(in, location);
        } catch (Exception e) {
            return null; // refused with its own message when the registry bean loads it
        }
    }
}
