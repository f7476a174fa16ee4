package org.seamless.ops.pds;

import java.util.LinkedHashMap;
import java.util.Map;
import org.seamless.adapters.registry.AgencyRegistry;
import org.seamless.ops.OperatorProblemType;
import org.seamless.ops.OperatorProblems;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/ops/pds/work-queue[?agency=id]}: rows held by PDS tracing (file, line, reason; never a value of
 * the row) and {@code GET /api/ops/pds/match-rates[?agency=id]}: per agency and extract, the rows verified,
 * superseded (replaced), traced and held, and the match rate (ADR 0079). Operator or auditor.
 */
@RestController
public class PdsController {
    private final PdsReports reports;
    private final AgencyRegistry registry;

    public PdsController(PdsReports reports, AgencyRegistry registry) {
        this.reports = reports;
        this.registry = registry;
    }

    @GetMapping(path = "/api/ops/pds/work-queue")
    public ResponseEntity<Object> workQueue(@RequestParam(name = "agency", required = false) String agency) {
        ResponseEntity<Object> refused = check(agency);
        if (refused != null) {
            return refused;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("held", reports.workQueue(agency));
        return ResponseEntity.ok(out);
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
