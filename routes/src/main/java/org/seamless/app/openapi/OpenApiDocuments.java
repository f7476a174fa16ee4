package org.seamless.app.openapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the hand-written OpenAPI 3 documents Seamless publishes, as YAML and as JSON, without
 * authentication (ADR 0044 says why they are hand-written, and how a test holds them to the
 * application's request mappings): the agency API (voluntary sector, consents, tracking, alert access,
 * token), the operator API and the IG API.
 */
@RestController
public class OpenApiDocuments {

    /** A published document: where it is served ({@code <base>/openapi.yaml} and {@code .json}) and its resource. */
    public enum Document {
        AGENCY("/api/v1/vcs", "/openapi/vcs-api.yaml"),
        OPERATOR("/api/ops", "/openapi/ops-api.yaml"),
        IG("/api/ig", "/openapi/ig-api.yaml");

        private final String base;
        private final String resource;

        Document(String base, String resource) {
            this.base = base;
            this.resource = resource;
        }

        public String yamlPath() {
            return base + "/openapi.yaml";
        }

        public String jsonPath() {
            return base + "/openapi.json";
        }

        public String resource() {
            return resource;
        }
    }

    private record Served(Document document, String yaml, String json) {
    }

    private final List<Served> served;

    public OpenApiDocuments() {
        // why: parsed at start, so a broken document stops the application rather than a client
        this.served = java.util.Arrays.stream(Document.values()).map(OpenApiDocuments::load).toList();
    }

    private static Served load(Document d) {
        try (InputStream in = OpenApiDocuments.class.getResourceAsStream(d.resource())) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + d.resource());
            }
            String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String json = new ObjectMapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(new ObjectMapper(new YAMLFactory()).readTree(yaml));
            return new Served(d, yaml, json);
        } catch (IOException e) {
            throw new UncheckedIOException("OpenAPI document " + d.resource() + " does not parse", e);
        }
    }

    @GetMapping(path = {"/api/v1/vcs/openapi.yaml", "/api/ops/openapi.yaml", "/api/ig/openapi.yaml"})
    public ResponseEntity<String> yaml(HttpServletRequest request) {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/yaml"))
                .body(find(request).yaml());
    }

    @GetMapping(path = {"/api/v1/vcs/openapi.json", "/api/ops/openapi.json", "/api/ig/openapi.json"})
    public ResponseEntity<String> json(HttpServletRequest request) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(find(request).json());
    }

    private Served find(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return served.stream().filter(s -> path.equals(s.document().yamlPath()) || path.equals(s.document().jsonPath()))
                .findFirst().orElseThrow();
    }
}
