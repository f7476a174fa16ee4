package org.seamless.hub.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.spi.AgencyAuthenticator;
import org.seamless.app.security.web.PersonRequests;
import org.seamless.mappings.canonical.AgencyKind;
import org.seamless.mappings.canonical.NhsNumber;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/alerts/accesses} with {@code {"nhsNumber": "...", "limit": N}}: the last N accesses
 * to a person's flags that the calling LA owns, newest first (silent-read accesses are never shown). The
 * LA comes from its API key; the NHS number is in the body so it stays out of URLs and access logs.
 */
@RestController
public class AlertAccessApi {
    static final String PATH = "/api/v1/alerts/accesses";
    private static final int MAX_BODY = 4096;
    private static final URI TYPE = URI.create("https://seamless.dev/problems/alert-access-query");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AgencyAuthenticator authenticator;
    private final AlertAccessLog log;
    private final AlertsProperties props;

    private final org.springframework.beans.factory.ObjectProvider<org.seamless.ledger.LedgerEvents> ledger;

    public AlertAccessApi(AgencyAuthenticator authenticator, AlertAccessLog log, AlertsProperties props,
                          org.springframework.beans.factory.ObjectProvider<org.seamless.ledger.LedgerEvents> ledger) {
        this.ledger = ledger;
        this.authenticator = authenticator;
        this.log = log;
        this.props = props;
    }

    @PostMapping(PATH)
    public ResponseEntity<?> accesses(HttpServletRequest req) throws IOException {
        Optional<AgencyConfig> la = org.seamless.app.security.web.Callers.agency();
        if (la.isEmpty()) {
            return PersonRequests.agencyKeyRequired();
        }
        if (la.get().kind() != AgencyKind.LOCAL_AUTHORITY) {
            return problem(HttpStatus.FORBIDDEN, "not-local-authority", "only a local authority may query accesses");
        }
        PersonRequests.Read read = PersonRequests.read(req, MAX_BODY);
        if (read instanceof PersonRequests.Refused r) {
            return problem(r.status(), r.code(), r.detail());
        }
        JsonNode node = ((PersonRequests.Parsed) read).body();
        NhsNumber nhs = ((PersonRequests.Parsed) read).nhsNumber();
        JsonNode limitNode = node.path("limit");
        int limit = limitNode.isMissingNode() ? 10 : limitNode.isInt() ? limitNode.asInt() : -1;
        if (limit < 1 || limit > props.maxAccessQueryLimit()) {
            return problem(HttpStatus.BAD_REQUEST, "invalid-limit",
                    "limit must be an integer from 1 to " + props.maxAccessQueryLimit());
        }
        List<Map<String, Object>> rows = log.lastVisibleTo(la.get().id(), nhs.value(), limit).stream()
                .map(AlertAccessApi::row).toList();
        Map<String, Object> answer = Map.of("accesses", rows);
        // why: who saw a person's alerts is itself personal data disclosed to the council: on record (issue 21)
        ledger.ifAvailable(l -> l.alertAccessQuery(la.get().id(), nhs, rows.size(),
                org.seamless.mappings.canonical.Digests.sha256Hex(JSON.valueToTree(answer).toString())));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(answer);
    }

    private static Map<String, Object> row(AlertAccessLog.Access a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("accessedAt", a.at().toString());
        m.put("organisationAgency", a.callerAgency());
        m.put("organisationOdsCode", a.callerOds());
        m.put("setting", a.setting());
        m.put("settingName", a.settingName());
        m.put("notified", a.notified());
        return m;
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String code, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setType(TYPE);
        p.setTitle("Alert access query refused");
        p.setInstance(URI.create(PATH));
        p.setProperty("code", code);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }
}
