package org.seamless.app.config;

import com.fasterxml.jackson.databind.json.JsonMapper;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Spring MVC writes bodies with Spring Boot's Jackson 3 mapper, except the Jackson 2 JSON trees that
 * Seamless's controllers build, which keep their Jackson 2 writer (ADR 0046).
 */
@Configuration(proxyBeanMethods = false)
public class WebJsonConfiguration implements WebMvcConfigurer {

    @Override
    public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
        builder.addCustomConverter(new Jackson2TreeMessageConverter(JsonMapper.builder().build()));
    }
}
