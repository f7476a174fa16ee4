package org.seamless.edge.vcs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Function;
import org.seamless.adapters.registry.AgencyConfig;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The voluntary-sector JSON API under {@code /api/v1/vcs} (OpenAPI document: {@code openapi.yaml} beside
 * it): submit referrals and outcomes, list and read the organisation's own referrals, and for
 * organisations without a webhook, fetch and acknowledge the pull inbox. The organisation comes from
 * its API key; refusals are RFC 9457 problem documents and the refused input is kept.
 */
@RestController
@RequestMapping("/api/v1/vcs")
@EnableConfigurationProperties(VcsApiProperties.class)
public class VcsApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final VcsRequests requests;
    private final VcsReferralService referrals;
    private final VcsStore store;
    private final VcsApiProperties props;
    private final SentReferralStates sentStates;

    VcsApi(VcsRequests requests, VcsReferralService referrals, VcsStore store, VcsApiProperties props,
           SentReferralStates sentStates) {
        this.sentStates = sentStates;
        this.requests = requests;
        this.referrals = referrals;
        this.store = store;
        this.props = props;
    }

    @PostMapping(path = "/referrals", consumes = MediaType.ALL_VALUE)
    public ResponseEntity<Object> submitReferral(HttpServletRequest req) {
        return withBody(req, (caller, body) -> {
            VcsReferralService.Accepted a = referrals.submitReferral(caller, body, req.getContentType(),
                    IdempotencyKeys.of(req.getHeader(IdempotencyKeys.HEADER)));
            return accepted("referralId", a);
        });
    }

    @PostMapping(path = "/referrals/{referralId}/outcome", consumes = MediaType.ALL_VALUE)
    public ResponseEntity<Object> submitOutcome(HttpServletRequest req, @PathVariable("referralId") String referralId) {
        return withBody(req, (caller, body) -> {
            VcsReferralService.Accepted a = referrals.submitOutcome(caller, referralId, body, req.getContentType(),
                    IdempotencyKeys.of(req.getHeader(IdempotencyKeys.HEADER)));
            return accepted("outcomeId", a);
        });
    }

    @GetMapping("/referrals")
    public ResponseEntity<Object> list(HttpServletRequest req) {
        return withCaller(req, caller -> {
            ObjectNode out = JSON.createObjectNode();
            ArrayNode items = out.putArray("referrals");
            store.referrals(caller.id(), props.maxPage()).forEach(r -> items.add(summary(r, caller)));
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(out);
        });
    }

    @GetMapping("/referrals/{referralId}")
    public ResponseEntity<Object> read(HttpServletRequest req, @PathVariable("referralId") String referralId) {
        return withCaller(req, caller -> {
            VcsStore.Referral r = store.referral(caller.id(), referralId).orElseThrow(() ->
                    new VcsApiException(VcsProblemType.NOT_FOUND, "no referral of yours has this id"));
            ObjectNode out = summary(r, caller);
            store.released(caller.id(), referralId).ifPresent(body -> out.set("referral", body));
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(out);
        });
    }

    @GetMapping("/inbox")
    public ResponseEntity<Object> inbox(HttpServletRequest req,
                                        @RequestParam(name = "after", required = false) String after,
                                        @RequestParam(name = "limit", required = false) String limit) {
        return withCaller(req, caller -> {
            long afterSeq = number(after, "after", 0);
            int max = (int) Math.min(number(limit, "limit", props.maxPage()), props.maxPage());
            ObjectNode out = JSON.createObjectNode();
            ArrayNode items = out.putArray("items");
            long cursor = afterSeq;
            for (VcsStore.InboxItem i : store.inbox(caller.id(), afterSeq, Math.max(max, 1))) {
                ObjectNode item = items.addObject();
                item.put("cursor", i.seq());
                item.put("eventId", i.eventId());
                item.put("type", i.event());
                item.put("receivedAt", i.keptAt().toInstant().toString());
                item.put("contentType", i.contentType());
                item.set("body", parse(i.body()));
                cursor = i.seq();
            }
            out.put("cursor", cursor);
            out.put("waiting", store.waiting(caller.id()));
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(out);
        });
    }

    @PostMapping(path = "/inbox/ack", consumes = MediaType.ALL_VALUE)
    public ResponseEntity<Object> acknowledge(HttpServletRequest req) {
        return withBody(req, (caller, body) -> {
            long cursor = VcsAck.read(body);
            ObjectNode out = JSON.createObjectNode();
            out.put("acknowledged", store.acknowledge(caller.id(), cursor));
            out.put("waiting", store.waiting(caller.id()));
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(out);
        });
    }

    private interface BodyHandler {
        ResponseEntity<Object> handle(AgencyConfig caller, byte[] body) throws IOException;
    }

    private ResponseEntity<Object> withBody(HttpServletRequest req, BodyHandler handler) {
        return withCaller(req, caller -> {
            byte[] body;
            try {
                body = requests.jsonBody(req, caller);
            } catch (IOException e) {
                throw new VcsApiException(VcsProblemType.MALFORMED_JSON, "the body could not be read");
            }
            try {
                return handler.handle(caller, body);
            } catch (VcsApiException e) {
                throw requests.keep(caller, e, req.getContentType(), body);
            } catch (IOException e) {
                throw requests.keep(caller, new VcsApiException(VcsProblemType.MALFORMED_JSON,
                        "the body could not be read"), req.getContentType(), body);
            }
        });
    }

    private ResponseEntity<Object> withCaller(HttpServletRequest req, Function<AgencyConfig, ResponseEntity<Object>> f) {
        try {
            Optional<AgencyConfig> caller = requests.caller(req);
            if (caller.isEmpty()) {
                return VcsProblems.unauthenticated();
            }
            return f.apply(caller.get());
        } catch (VcsApiException e) {
            return VcsProblems.of(e, req.getRequestURI());
        }
    }

    private ObjectNode summary(VcsStore.Referral r, AgencyConfig caller) {
        ObjectNode n = JSON.createObjectNode();
        n.put("referralId", r.referralId());
        n.put("role", r.role());
        if (r.counterpart() != null) {
            n.put(r.role().equals("sent") ? "to" : "from", r.counterpart());
        }
        if (r.role().equals("sent")) {
            SentReferralStates.State state = sentStates.state(r, caller.id());
            n.put("status", state.status());
            state.withheldRule().ifPresent(rule -> n.putObject("withheld").put("rule", rule));
        } else {
            n.put("status", r.status());
        }
        if (r.outcomeId() != null) {
            n.put("outcomeId", r.outcomeId());
        }
        n.put("createdAt", r.createdAt().toInstant().toString());
        n.put("updatedAt", r.updatedAt().toInstant().toString());
        return n;
    }

    private static long number(String raw, String name, long dflt) {
        if (raw == null || raw.isBlank()) {
            return dflt;
        }
        if (!raw.matches("[0-9]{1,18}")) {
            throw new VcsApiException(VcsProblemType.INVALID_VALUE, name, "parameter '" + name
                    + "' must be a non-negative whole number", null);
        }
        return Long.parseLong(raw);
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(body);
        }
    }

    private static ResponseEntity<Object> accepted(String idName, VcsReferralService.Accepted a) {
        ObjectNode out = JSON.createObjectNode();
        out.put(idName, a.id());
        out.put("duplicate", a.duplicate());
        return ResponseEntity.status(HttpStatus.ACCEPTED).contentType(MediaType.APPLICATION_JSON).body(out);
    }
}
