package org.seamless.vcs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the hand-written OpenAPI 3 document of the voluntary-sector API (resource
 * {@value #RESOURCE}) as YAML and as JSON; no authentication (ADR 0020 says why it is hand-written).
 */
@RestController
public class VcsOpenApi {
    static final String RESOURCE = "/openapi/vcs-api.yaml";
    private final String yaml;
    private final String json;

    public VcsOpenApi() throws IOException {
        try (InputStream in = VcsOpenApi.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            this.yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // why: parsed at start, so a broken document stops the application rather than a client
        this.json = new ObjectMapper().writerWithDefaultPrettyPrinter()
                .writeValueAsString(new ObjectMapper(new YAMLFactory()).readTree(yaml));
    }

    @GetMapping(path = "/api/v1/vcs/openapi.yaml")
    public ResponseEntity<String> yaml() {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/yaml")).body(yaml);
    }

    @GetMapping(path = "/api/v1/vcs/openapi.json")
    public ResponseEntity<String> json() {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json);
    }
}
