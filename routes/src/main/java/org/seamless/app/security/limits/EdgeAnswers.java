package org.seamless.app.security.limits;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A refusal written before any edge code runs, in the form that edge uses: a FHIR
 * OperationOutcome, a SOAP 1.1 fault, or problem+json. The connection is closed after it, so the
 * container does not read (swallow) the rest of a refused body.
 */
final class EdgeAnswers {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EdgeAnswers() {
    }

    static void write(HttpServletResponse resp, BodyLimits.Form form, int status, String detail) throws IOException {
        resp.setStatus(status);
        resp.setHeader("Connection", "close");
        byte[] body;
        switch (form) {
            case FHIR -> {
                resp.setContentType("application/fhir+json;charset=UTF-8");
                body = JSON.writeValueAsBytes(Map.of("resourceType", "OperationOutcome", "issue", List.of(Map.of(
                        "severity", status == 413 ? "fatal" : "error",
                        "code", status == 413 ? "too-costly" : "login", "diagnostics", detail))));
            }
            case SOAP -> {
                resp.setContentType("text/xml;charset=UTF-8");
                body = ("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><soap:Fault>"
                        + "<faultcode>soap:Client</faultcode><faultstring>" + detail + "</faultstring></soap:Fault>"
                        + "</soap:Body></soap:Envelope>").getBytes(StandardCharsets.UTF_8);
            }
            default -> {
                resp.setContentType("application/problem+json");
                Map<String, Object> p = new LinkedHashMap<>();
                // why: the problem types the agency, operator and IG APIs document for the same refusals
                org.seamless.adapters.vcswebhook.api.VcsProblemType t = status == 401 ? org.seamless.adapters.vcswebhook.api.VcsProblemType.UNAUTHENTICATED
                        : status == 413 ? org.seamless.adapters.vcswebhook.api.VcsProblemType.PAYLOAD_TOO_LARGE : null;
                p.put("type", t == null ? "about:blank" : t.uri().toString());
                p.put("title", t == null ? HttpStatus.valueOf(status).getReasonPhrase() : t.title());
                p.put("status", status);
                p.put("detail", detail);
                body = JSON.writeValueAsBytes(p);
            }
        }
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }
}
