package org.seamless.ops.pds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.seamless.adapters.registry.AgencyRegistry;
import org.seamless.ops.OperatorProblemType;
import org.seamless.ledger.DisclosureReportController;
import org.seamless.ops.OperatorProblems;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/ops/pds/work-queue[?agency=id]}: rows held by PDS tracing (file, line, reason; never a value of
 * the row) and {@code GET /api/ops/pds/match-rates[?agency=id]}: per agency and extract, the rows verified,
 * superseded (replaced), traced and held, and the match rate (ADR 0079). Operator or auditor.
 * {@code GET /api/ops/pds/work-queue?state=resolved} lists the rows operators resolved, and
 * {@code POST /api/ops/pds/work-queue/resolve} (operator only) marks a held row resolved with a note (ADR 0085).
 */
@RestController
public class PdsController {
    private final PdsReports reports;
    private final AgencyRegistry registry;
    private final PdsWorkQueue queue;

    public PdsController(PdsReports reports, AgencyRegistry registry, PdsWorkQueue queue) {
        this.reports = reports;
        this.registry = registry;
        this.queue = queue;
    }

    @GetMapping(path = "/api/ops/pds/work-queue")
    public ResponseEntity<Object> workQueue(@RequestParam(name = "agency", required = false) String agency,
                                            @RequestParam(name = "state", required = false) String state) {
        ResponseEntity<Object> refused = check(agency);
        if (refused != null) {
            return refused;
        }
        if (state != null && !state.equals("open") && !state.equals("resolved")) {
            return OperatorProblems.of(OperatorProblemType.INVALID_REQUEST, "state must be open or resolved");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("held", reports.held(agency, "resolved".equals(state)));
        return ResponseEntity.ok(out);
    }

    @PostMapping(path = "/api/ops/pds/work-queue/resolve", consumes = MediaType.ALL_VALUE)
    public ResponseEntity<Object> resolve(HttpServletRequest request) throws IOException {
        String body = DisclosureReportController.boundedBody(request);
        if (body == null) {
            return OperatorProblems.of(OperatorProblemType.PAYLOAD_TOO_LARGE, "the body exceeds the limit of "
                    + DisclosureReportController.MAX_BODY + " bytes");
        }
        JsonNode json;
        try {
            json = new ObjectMapper().readTree(body.isBlank() ? "{}" : body);
        } catch (Exception e) {
            json = null;
        }
        if (json == null || !json.isObject() || !json.path("agencyId").isTextual()
                || !json.path("fileDigest").isTextual() || !json.path("line").canConvertToLong()
                || !json.path("note").isTextual()) {
            return OperatorProblems.of(OperatorProblemType.INVALID_REQUEST, "the body must be {\"agencyId\": \"...\","
                    + " \"fileDigest\": \"...\", \"line\": 1, \"note\": \"...\"}");
        }
        try {
            PdsWorkQueue.Resolved r = queue.resolve(json.get("agencyId").asText(), json.get("fileDigest").asText(),
                    json.get("line").asLong(), json.get("note").asText());
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("agencyId", r.agencyId());
            out.put("fileDigest", r.fileDigest());
            out.put("line", r.line());
            out.put("resolvedAt", r.resolvedAt().toString());
            out.put("resolvedBy", r.resolvedBy());
            out.put("resolutionNote", r.note());
            return ResponseEntity.ok(out);
        } catch (PdsWorkQueue.Refused e) {
            return OperatorProblems.of(switch (e.kind()) {
                case INVALID -> OperatorProblemType.INVALID_REQUEST;
                case NOT_HELD -> OperatorProblemType.UNKNOWN_HELD_ROW;
                case ALREADY_RESOLVED -> OperatorProblemType.ALREADY_RESOLVED;
            }, e.getMessage());
        }
    }

    @GetMapping(path = "/api/ops/pds/match-rates")
    public ResponseEntity<Object> matchRates(@RequestParam(name = "agency", required = false) String agency) {
        ResponseEntity<Object> refused = check(agency);
        if (refused != null) {
            return refused;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("agencies", reports.matchRates(agency));
        return ResponseEntity.ok(out);
    }

    private ResponseEntity<Object> check(String agency) {
        if (agency != null && registry.find(agency).isEmpty()) {
            return OperatorProblems.of(OperatorProblemType.UNKNOWN_AGENCY, "no agency in the registry has this id");
        }
        return null;
    }
}
