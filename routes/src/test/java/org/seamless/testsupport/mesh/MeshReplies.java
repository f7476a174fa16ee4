package org.seamless.testsupport.mesh;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** Writing the simulator's answers: JSON in the negotiated media type, empty statuses, validation errors. */
final class MeshReplies {
    static final String V2 = "application/vnd.mesh.v2+json";
    static final String V1 = "application/json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private MeshReplies() {
    }

    static void json(HttpExchange ex, int status, boolean v2, Object body) throws IOException {
        json(ex, status, v2 ? V2 : V1, body);
    }

    static void json(HttpExchange ex, int status, String mediaType, Object body) throws IOException {
        byte[] out;
        try {
            out = JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        ex.getResponseHeaders().set("Content-Type", mediaType);
        ex.sendResponseHeaders(status, out.length);
        ex.getResponseBody().write(out);
    }

    static void empty(HttpExchange ex, int status) throws IOException {
        ex.sendResponseHeaders(status, -1);
    }

    /** 400 with the specification's {@code HTTPValidationError} body. */
    static void invalid(HttpExchange ex, String where, String name, String message, String type) throws IOException {
        json(ex, 400, V1, Map.of("detail", List.of(Map.of("loc", List.of(where, name), "msg", message, "type", type))));
    }
}
