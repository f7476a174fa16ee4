package org.seamless.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * Writes the JSON trees Seamless's own code builds ({@code com.fasterxml.jackson.databind.JsonNode},
 * Jackson 2, the Jackson HAPI FHIR uses) as JSON. Spring Boot 4's own converter is Jackson 3
 * ({@code tools.jackson}), which does not know Jackson 2 trees and would write one as a bean; this
 * converter goes first, for those bodies only (ADR 0046).
 */
public final class Jackson2TreeMessageConverter extends AbstractHttpMessageConverter<JsonNode> {

    private final ObjectMapper mapper;

    public Jackson2TreeMessageConverter(ObjectMapper mapper) {
        super(MediaType.APPLICATION_JSON, new MediaType("application", "*+json"));
        this.mapper = mapper;
    }

    @Override
    protected boolean supports(Class<?> clazz) {
        return JsonNode.class.isAssignableFrom(clazz);
    }

    @Override
    protected JsonNode readInternal(Class<? extends JsonNode> clazz, HttpInputMessage input) throws IOException {
        try {
            return mapper.readTree(input.getBody());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new HttpMessageNotReadableException("the body is not JSON", input);
        }
    }

    @Override
    protected void writeInternal(JsonNode node, HttpOutputMessage output) throws IOException {
        OutputStream out = output.getBody();
        mapper.writeValue(out, node);
    }
}
