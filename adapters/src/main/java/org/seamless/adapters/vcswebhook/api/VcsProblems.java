package org.seamless.adapters.vcswebhook.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.seamless.adapters.spi.InboundGate;

/**
 * RFC 9457 problem documents ({@code application/problem+json}) of the voluntary-sector API, with the
 * members in the order Spring's {@code ProblemDetail} writes them (type, title, status, detail, instance,
 * then the API's own: field, keptAs).
 */
final class VcsProblems {
    static final String PROBLEM_JSON = "application/problem+json";
    /** The problem type of "try again later" (shared with the consents API's {@code UnavailableAnswers}). */
    static final String UNAVAILABLE = "https://seamless.dev/problems/unavailable";
    private static final ObjectMapper JSON = new ObjectMapper();

    private VcsProblems() {
    }

    static void write(HttpServletResponse resp, VcsApiException e, String instance) throws IOException {
        VcsProblemType t = e.type();
        ObjectNode p = problem(t.uri().toString(), t.title(), t.status());
        p.put("detail", e.getMessage());
        p.put("instance", instance);
        if (e.field() != null) {
            p.put("field", e.field());
        }
        if (e.keptAs() != null) {
            p.put("keptAs", e.keptAs());
        }
        send(resp, t.status(), p);
    }

    /** 401 with no detail: nothing about why the key was refused. */
    static void unauthenticated(HttpServletResponse resp) throws IOException {
        resp.setHeader("WWW-Authenticate", "ApiKey header=\"X-API-Key\"");
        VcsProblemType t = VcsProblemType.UNAUTHENTICATED;
        send(resp, t.status(), problem(t.uri().toString(), t.title(), t.status()));
    }

    /**
     * 503 with {@code Retry-After} when the broker cannot store a submission now: the client sends the same
     * request again rather than treating it as refused; nothing was accepted or kept.
     */
    static void unavailable(HttpServletResponse resp, InboundGate.Unavailable e, String instance) throws IOException {
        ObjectNode p = problem(UNAVAILABLE, "Seamless cannot accept this now; send it again later", 503);
        p.put("detail", "Seamless could not store the request just now; nothing was accepted. Send the same request"
                + " again after " + e.retryAfterSeconds() + " seconds");
        p.put("instance", instance);
        resp.setHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
        send(resp, 503, p);
    }

    /** A JSON answer. */
    static void json(HttpServletResponse resp, int status, ObjectNode body) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json");
        JSON.writeValue(resp.getOutputStream(), body);
    }

    private static ObjectNode problem(String type, String title, int status) {
        ObjectNode p = JSON.createObjectNode();
        p.put("type", type);
        p.put("title", title);
        p.put("status", status);
        return p;
    }

    private static void send(HttpServletResponse resp, int status, ObjectNode problem) throws IOException {
        resp.setStatus(status);
        resp.setContentType(PROBLEM_JSON);
        JSON.writeValue(resp.getOutputStream(), problem);
    }
}
