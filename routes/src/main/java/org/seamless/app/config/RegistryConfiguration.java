package org.seamless.app.config;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.seamless.adapters.registry.AgencyRegistry;
import org.seamless.adapters.registry.AgencyRegistryLoader;
import org.seamless.adapters.registry.RegistryException;
import org.seamless.adapters.spi.AdapterTypes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/** Loads and validates the agency registry at startup; an invalid registry stops the start. */
@Configuration(proxyBeanMethods = false)
public class RegistryConfiguration {

    @Bean
    AdapterTypes adapterTypes(Environment env) {
        // why: a deployer's own adapter types, named in configuration, besides those on the service list
        return AdapterTypes.discover(List.of(env.getProperty("seamless.adapter-types", String[].class, new String[0])));
    }

    @Bean
    AgencyRegistry agencyRegistry(SeamlessProperties props, AdapterTypes types, Environment env,
                                  ResourceLoader resources) throws IOException {
        Resource file = resources.getResource(props.registry());
        if (!file.exists()) {
            throw new RegistryException("agency registry not found at " + props.registry()
                    + " (set seamless.registry)");
        }
        try (InputStream in = file.getInputStream()) {
            return new AgencyRegistryLoader(types, env::resolveRequiredPlaceholders).load(in, props.registry());
        }
    }
}
