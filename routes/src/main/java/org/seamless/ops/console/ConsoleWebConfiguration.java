package org.seamless.ops.console;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the console's vendored assets (the NHS.UK frontend CSS, htmx; see NOTICE) under
 * {@value #ASSETS}, from {@code classpath:/console/assets/}. File names carry their version, so a
 * new version is a new URL.
 */
@Configuration(proxyBeanMethods = false)
public class ConsoleWebConfiguration implements WebMvcConfigurer {
    public static final String ASSETS = "/console/assets/**";

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler(ASSETS).addResourceLocations("classpath:/console/assets/");
    }
}
