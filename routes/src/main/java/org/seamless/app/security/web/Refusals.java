package org.seamless.app.security.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seamless.ops.OperatorProblemType;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * The chain's refusals, in each edge's own form and with the answers the edges gave when they
 * checked credentials themselves (ADR 0047): a FHIR OperationOutcome, a SOAP fault, problem+json
 * with an {@code ApiKey} challenge on the agency APIs, the operator and IG APIs' problem types there.
 * 401 for no credential, a credential that does not hold, or a credential of the wrong kind (an
 * agency's key on the operator API, a shared key where another is needed: as before); 403 for a
 * named person whose role does not allow the call. Nothing about why a credential was refused.
 */
final class Refusals implements AuthenticationEntryPoint, AccessDeniedHandler {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROBLEMS = "https://seamless.dev/problems/";

    private final String fhirBase;
    private final String soapBase;

    Refusals(String fhirBase, String soapBase) {
        this.fhirBase = fhirBase;
        this.soapBase = soapBase;
    }

    @Override
    public void commence(HttpServletRequest req, HttpServletResponse resp, AuthenticationException e) throws IOException {
        write(req, resp, 401);
    }

    @Override
    public void handle(HttpServletRequest req, HttpServletResponse resp, AccessDeniedException e) throws IOException {
        boolean namedPerson = Callers.person().map(Person::named).orElse(false);
        write(req, resp, namedPerson ? 403 : 401);
    }

    void write(HttpServletRequest req, HttpServletResponse resp, int status) throws IOException {
        String path = req.getRequestURI().substring(req.getContextPath().length());
        if (resp.isCommitted()) {
            return;
        }
        resp.setStatus(status);
        if (under(path, fhirBase)) {
            fhir(req, resp, status);
        } else if (under(path, soapBase)) {
            soap(resp, status);
        } else if (under(path, "/api/ops") || under(path, "/api/ig")) {
            // the operator and IG APIs' problem types (ops-api.yaml, ig-api.yaml): a person signs in by
            // HTTP Basic or a personal token in X-API-Key
            if (status == 401) {
                resp.setHeader("WWW-Authenticate", "Basic realm=\"Seamless\", ApiKey header=\"X-API-Key\"");
            }
            String who = under(path, "/api/ig") ? "an IG lead's" : "an operator's";
            OperatorProblemType type = status == 401 ? OperatorProblemType.UNAUTHENTICATED : OperatorProblemType.FORBIDDEN;
            problem(resp, status, type.uri().toString(), type.title(), status == 401
                    ? who + " credential is required (HTTP Basic or a personal token in X-API-Key)"
                    : "your role may not do this");
        } else if (under(path, "/api/v1/messages")) {
            problem(resp, status, null, status == 401
                    ? "an agency credential or an operator's credential is required" : "your role may not do this");
        } else if (under(path, "/api/v1")) {
            if (status == 401) {
                resp.setHeader("WWW-Authenticate", "ApiKey header=\"X-API-Key\"");
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("type", PROBLEMS + "unauthenticated");
                p.put("title", "Authentication required");
                p.put("status", 401);
                json(resp, "application/problem+json", p);
            } else {
                problem(resp, status, PROBLEMS + "forbidden", "this credential may not do this");
            }
        } else {
            problem(resp, status, null, status == 401 ? "Authentication required" : "Access denied");
        }
    }

    static boolean under(String path, String base) {
        return path.equals(base) || path.startsWith(base.endsWith("/") ? base : base + "/");
    }

    private static void fhir(HttpServletRequest req, HttpServletResponse resp, int status) throws IOException {
        String accept = req.getHeader("Accept");
        String type = req.getContentType();
        boolean xml = (accept != null && accept.contains("xml") && !accept.contains("json"))
                || (accept == null && type != null && type.contains("xml"));
        String code = status == 401 ? "login" : "forbidden";
        String text = status == 401 ? "Authentication required" : "This credential may not do this";
        if (xml) {
            resp.setContentType("application/fhir+xml;charset=UTF-8");
            resp.getOutputStream().write(("<OperationOutcome xmlns=\"http://hl7.org/fhir\"><issue><severity value=\"error\"/>"
                    + "<code value=\"" + code + "\"/><diagnostics value=\"" + text + "\"/></issue></OperationOutcome>")
                    .getBytes(StandardCharsets.UTF_8));
        } else {
            json(resp, "application/fhir+json;charset=UTF-8", Map.of("resourceType", "OperationOutcome", "issue",
                    List.of(Map.of("severity", "error", "code", code, "diagnostics", text))));
        }
    }

    private static void soap(HttpServletResponse resp, int status) throws IOException {
        resp.setContentType("text/xml;charset=UTF-8");
        String text = status == 401 ? "Authentication required (a local authority's client certificate, token or "
                + "X-API-Key)" : "This credential may not do this";
        resp.getOutputStream().write(("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                + "<soap:Body><soap:Fault><faultcode>soap:Client</faultcode><faultstring>" + text
                + "</faultstring></soap:Fault></soap:Body></soap:Envelope>").getBytes(StandardCharsets.UTF_8));
    }

    private static void problem(HttpServletResponse resp, int status, String type, String detail) throws IOException {
        problem(resp, status, type, HttpStatus.valueOf(status).getReasonPhrase(), detail);
    }

    private static void problem(HttpServletResponse resp, int status, String type, String title, String detail)
            throws IOException {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", type == null ? "about:blank" : type);
        p.put("title", title);
        p.put("status", status);
        p.put("detail", detail);
        json(resp, "application/problem+json", p);
    }

    private static void json(HttpServletResponse resp, String contentType, Object body) throws IOException {
        resp.setContentType(contentType);
        resp.getOutputStream().write(JSON.writeValueAsBytes(body));
    }
}
