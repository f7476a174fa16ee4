package org.seamless.hub.notshared;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.registry.AgencyRegistry;
import org.seamless.app.security.web.PersonRequests;
import org.seamless.ledger.LedgerEvents;
import org.seamless.mappings.alert.SocialCareAlert;
import org.seamless.mappings.canonical.AgencyKind;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.privacy.identify.Subject;
import org.seamless.privacy.ledger.LedgerEntry;
import org.seamless.privacy.notshared.NotSharedRegister;
import org.seamless.privacy.record.SubjectIndex;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/alerts/decisions-not-to-share} (ADR 0082): a council or an NHS trust records that one
 * item about a person (its business identifier) is not to be shared with the named recipients, or with
 * anyone when none is named, because sharing it would be more detrimental to the child than not sharing:
 * who decided, their role and why. The hub withholds every later leg that carries the item to those
 * recipients (the privacy chain), and the ledger records the decision (NOT_SHARED entries). The agency
 * comes from its API key; the NHS number is in the body, out of URLs and access logs, and never echoed.
 */
@RestController
public class NotSharedApi {
    public static final String PATH = "/api/v1/alerts/decisions-not-to-share";
    private static final int MAX_BODY = 8192;
    private static final int MAX_TEXT = 2000;
    private static final URI TYPE = URI.create("https://seamless.dev/problems/decision-not-to-share");

    private final NotSharedDecisions decisions;
    private final LedgerEvents ledger;
    private final SubjectIndex index;
    private final AgencyRegistry registry;
    private final Clock clock;

    public NotSharedApi(NotSharedDecisions decisions, LedgerEvents ledger, SubjectIndex index, AgencyRegistry registry,
                        Clock clock) {
        this.decisions = decisions;
        this.ledger = ledger;
        this.index = index;
        this.registry = registry;
        this.clock = clock;
    }

    @PostMapping(PATH)
    public ResponseEntity<?> record(HttpServletRequest req) throws IOException {
        Optional<AgencyConfig> caller = org.seamless.app.security.web.Callers.agency();
        if (caller.isEmpty()) {
            return PersonRequests.agencyKeyRequired();
        }
        AgencyConfig agency = caller.get();
        if (agency.kind() != AgencyKind.LOCAL_AUTHORITY && agency.kind() != AgencyKind.NHS_TRUST) {
            return problem(HttpStatus.FORBIDDEN, "not-council-or-trust",
                    "only a council or an NHS trust may record a decision not to share");
        }
        PersonRequests.Read read = PersonRequests.read(req, MAX_BODY);
        if (read instanceof PersonRequests.Refused r) {
            return problem(r.status(), r.code(), r.detail());
        }
        JsonNode node = ((PersonRequests.Parsed) read).body();
        NhsNumber nhs = ((PersonRequests.Parsed) read).nhsNumber();
        String system = text(node.path("item"), "system");
        String value = text(node.path("item"), "value");
        if (system == null || value == null) {
            return problem(HttpStatus.BAD_REQUEST, "missing-item",
                    "item.system and item.value (the item's business identifier) are required");
        }
        if (SocialCareAlert.IDENTIFIER_SYSTEM.equals(system) && !value.startsWith(agency.id() + "/")) {
            return problem(HttpStatus.FORBIDDEN, "not-owner", "only the owning council may decide not to share its alert");
        }
        List<String> recipients = new ArrayList<>();
        JsonNode to = node.path("recipients");
        if (!to.isMissingNode() && !to.isNull()) {
            if (!to.isArray()) {
                return problem(HttpStatus.BAD_REQUEST, "invalid-recipients", "recipients must be a list of agency ids");
            }
            for (JsonNode r : to) {
                if (!r.isTextual() || registry.find(r.asText()).isEmpty()) {
                    return problem(HttpStatus.BAD_REQUEST, "unknown-recipient",
                            "every recipient must be the id of a registered agency");
                }
                if (!recipients.contains(r.asText())) {
                    recipients.add(r.asText());
                }
            }
        }
        String decidedBy = text(node, "decidedBy");
        String role = text(node, "decidedByRole");
        String reason = text(node, "reason");
        if (decidedBy == null || role == null || reason == null) {
            return problem(HttpStatus.BAD_REQUEST, "missing-decision",
                    "decidedBy, decidedByRole and reason are required (who decided, in which role, and why)");
        }
        if (decidedBy.length() > 200 || role.length() > 200 || reason.length() > MAX_TEXT || system.length() > 150
                || value.length() > 140) {
            return problem(HttpStatus.BAD_REQUEST, "too-long", "a field is longer than allowed");
        }
        String subject = index.indexOf(Subject.identified(nhs));
        NotSharedDecisions.Recorded d = decisions.record(NotSharedRegister.key(system, value), recipients, agency.id(),
                decidedBy, role, reason, subject, clock.instant());
        List<LedgerEntry> entries = ledger.notShared(d);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("decisionId", d.id());
        answer.put("recipients", recipients.isEmpty() ? List.of(NotSharedRegister.ALL) : recipients);
        answer.put("ledgerEntries", entries.stream().map(LedgerEntry::seq).toList());
        return ResponseEntity.status(HttpStatus.CREATED).contentType(MediaType.APPLICATION_JSON).body(answer);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isTextual() && !v.asText().isBlank() ? v.asText().strip() : null;
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String code, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setType(TYPE);
        p.setTitle("Decision not to share refused");
        p.setInstance(URI.create(PATH));
        p.setProperty("code", code);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }
}
