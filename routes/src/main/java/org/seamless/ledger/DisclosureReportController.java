package org.seamless.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.seamless.ops.OperatorProblemType;
import org.seamless.ops.OperatorProblems;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/ig/disclosures} with {@code {"nhsNumber": "..."}} (the number in the body, out of
 * access logs), for an IG lead (the security chain admits only the IG_LEAD role; each report is
 * recorded with the person's account name in the operations audit, without the number): "who has seen my data" as JSON,
 * or with {@code ?format=fhir} as a Bundle of AuditEvents. Nothing here logs the number.
 */
@RestController
@EnableConfigurationProperties(IgProperties.class)
public class DisclosureReportController {
    public static final String PATH = "/api/ig/disclosures";
    /** Largest body the IG and operator APIs read (a one-field JSON object). */
    public static final int MAX_BODY = 16 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SubjectReports reports;
    private final org.seamless.app.security.web.OperatorActions actions;
    private final Clock clock;

    public DisclosureReportController(SubjectReports reports, org.seamless.app.security.web.OperatorActions actions,
                                      Clock clock) {
        this.reports = reports;
        this.actions = actions;
        this.clock = clock;
    }

    @PostMapping(path = PATH, consumes = MediaType.ALL_VALUE)
    public ResponseEntity<?> report(@RequestParam(name = "format", defaultValue = "json") String format,
                                    HttpServletRequest request) throws IOException {
        // why: never more of the body than a request of this kind can need
        String body = boundedBody(request);
        if (body == null) {
            return OperatorProblems.of(OperatorProblemType.PAYLOAD_TOO_LARGE, "the body exceeds the limit of " + MAX_BODY + " bytes");
        }
        String nhsNumber = nhsNumberFrom(body);
        var report = nhsNumber == null ? java.util.Optional.<org.seamless.privacy.ledger.DisclosureReport.Report>empty()
                : reports.forNhsNumber(nhsNumber);
        actions.record("disclosure-report", null, report.isPresent() ? "reported" : "bad-request");
        if (report.isEmpty()) {
            return OperatorProblems.of(OperatorProblemType.INVALID_REQUEST,
                    "the body must be {\"nhsNumber\": \"<a valid NHS number>\"}");
        }
        if ("fhir".equals(format)) {
            return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/fhir+json"))
                    .body(reports.asFhirJson(report.get(), nhsNumber));
        }
        return ResponseEntity.ok(Map.of("generatedAt", clock.instant().toString(),
                "disclosures", report.get().disclosures(), "withheld", report.get().withheld()));
    }

    /** The body as text, or null when it is over {@link #MAX_BODY} bytes. */
    public static String boundedBody(HttpServletRequest request) throws IOException {
        byte[] bytes = request.getInputStream().readNBytes(MAX_BODY + 1);
        return bytes.length > MAX_BODY ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    private static String nhsNumberFrom(String body) {
        try {
            JsonNode node = body == null || body.isBlank() ? null : JSON.readTree(body);
            return node != null && node.path("nhsNumber").isTextual() ? node.get("nhsNumber").asText() : null;
        } catch (Exception e) {
            return null; // why: a parse error message could quote the body
        }
    }
}
