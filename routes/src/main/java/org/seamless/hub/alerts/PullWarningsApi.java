package org.seamless.hub.alerts;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.spi.AgencyAuthenticator;
import org.seamless.mappings.canonical.AgencyKind;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/alerts/pull-warnings}: the calling council's {@value FlagPullWatch#CODE} alerts,
 * newest first (at most {@value #LIMIT}): which agency pulled flags, among them the council's, in a
 * pattern that looks like enumeration (ADR 0039). Counts and agency ids only, no person.
 */
@RestController
public class PullWarningsApi {
    static final String PATH = "/api/v1/alerts/pull-warnings";
    static final int LIMIT = 50;

    private final AgencyAuthenticator authenticator;
    private final JdbcTemplate jdbc;

    public PullWarningsApi(AgencyAuthenticator authenticator, JdbcTemplate jdbc) {
        this.authenticator = authenticator;
        this.jdbc = jdbc;
    }

    @GetMapping(PATH)
    public ResponseEntity<?> warnings(HttpServletRequest req) {
        Optional<AgencyConfig> la = org.seamless.app.security.web.Callers.agency();
        if (la.isEmpty()) {
            return problem(HttpStatus.UNAUTHORIZED, "Authentication required");
        }
        if (la.get().kind() != AgencyKind.LOCAL_AUTHORITY) {
            return problem(HttpStatus.FORBIDDEN, "only a local authority reads its flag pull warnings");
        }
        List<Map<String, Object>> rows = jdbc.query("SELECT id, raised_at, detail FROM operator_alert"
                + " WHERE agency_id = ? AND code = ? ORDER BY raised_at DESC LIMIT " + LIMIT, (rs, n) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", rs.getString("id"));
                    m.put("raisedAt", rs.getTimestamp("raised_at").toInstant().toString());
                    m.put("detail", rs.getString("detail"));
                    return m;
                }, la.get().id(), FlagPullWatch.CODE);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("warnings", rows));
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setInstance(URI.create(PATH));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }
}
