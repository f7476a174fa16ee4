package org.seamless.app.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.boot.actuate.endpoint.jackson.EndpointJsonMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import tools.jackson.databind.json.JsonMapper;

/**
 * The actuator's JSON keeps the order operators' probes and scripts have always read: Spring Boot 4
 * writes actuator answers with its own Jackson 3 mapper, whose defaults sort properties alphabetically
 * ({@code /actuator/health} would begin with {@code "components"} instead of {@code "status"}). This
 * mapper has Jackson 2's defaults and, like Boot's, leaves out nulls (ADR 0046).
 */
@Configuration(proxyBeanMethods = false)
public class ActuatorJsonConfiguration {

    @Bean
    @Primary
    EndpointJsonMapper seamlessEndpointJsonMapper() {
        JsonMapper mapper = JsonMapper.builderWithJackson2Defaults()
                .changeDefaultPropertyInclusion(v -> v.withValueInclusion(JsonInclude.Include.NON_NULL)
                        .withContentInclusion(JsonInclude.Include.NON_NULL))
                .build();
        return () -> mapper;
    }
}
