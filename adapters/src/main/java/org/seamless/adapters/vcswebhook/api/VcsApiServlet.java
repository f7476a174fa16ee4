package org.seamless.adapters.vcswebhook.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.spi.EdgeContext;
import org.seamless.adapters.spi.Edges;
import org.seamless.adapters.spi.InboundGate;

/**
 * The voluntary-sector JSON API under {@value #BASE} (OpenAPI document: {@code /api/v1/vcs/openapi.yaml}):
 * submit referrals and outcomes, list and read the organisation's own referrals, and for organisations
 * without a webhook, fetch and acknowledge the pull inbox. The organisation comes from its credential;
 * refusals are RFC 9457 problem documents and the refused input is kept. Served at
 * {@link #URL_PATTERNS} (the published documents under {@value #BASE} stay the runtime's); what it
 * needs from the hub is a {@link VcsHub}.
 */
public final class VcsApiServlet extends HttpServlet implements Edges.Operations {
    public static final String NAME = "vcs-api";
    public static final String BASE = "/api/v1/vcs";
    public static final List<String> URL_PATTERNS = List.of(BASE + "/referrals/*", BASE + "/inbox/*");
    /** Settings: largest request body (larger gets 413, the first 64 KiB is kept), and most items per page. */
    public static final String MAX_BODY_BYTES = "seamless.vcs.max-body-bytes";
    public static final String MAX_PAGE = "seamless.vcs.max-page";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final transient VcsRequests requests;
    private final transient Supplier<VcsHub> hub;
    private final int maxPage;
    private final transient List<Operation> operations = List.of(
            new Operation("POST", "/referrals", (req, resp, vars) -> submitReferral(req, resp)),
            new Operation("GET", "/referrals", (req, resp, vars) -> list(req, resp)),
            new Operation("GET", "/referrals/{referralId}", (req, resp, vars) -> read(req, resp, vars.get(0))),
            new Operation("POST", "/referrals/{referralId}/outcome", (req, resp, vars) -> submitOutcome(req, resp, vars.get(0))),
            new Operation("GET", "/inbox", (req, resp, vars) -> inbox(req, resp)),
            new Operation("POST", "/inbox/ack", (req, resp, vars) -> acknowledge(req, resp)));

    /** The API on the runtime's authentication, rejected-input store, settings and hub. */
    public VcsApiServlet(EdgeContext context) {
        this.requests = new VcsRequests(context.authenticator(), context.rejected(),
                Long.parseLong(context.property(MAX_BODY_BYTES, "65536")));
        this.maxPage = Integer.parseInt(context.property(MAX_PAGE, "100"));
        // why: looked up on first use, so registering the edge at start does not build the hub's beans early
        this.hub = new Supplier<>() {
            private volatile VcsHub resolved;

            @Override
            public VcsHub get() {
                VcsHub h = resolved;
                if (h == null) {
                    h = context.service(VcsHub.class);
                    resolved = h;
                }
                return h;
            }
        };
    }

    @Override
    public List<String> operations() {
        return operations.stream().map(o -> o.method() + " " + BASE + o.template()).toList();
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        dispatch(req, resp);
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        dispatch(req, resp);
    }

    /** The operation the method and path name: 404 for no such path, 405 (with Allow) for another method. */
    private void dispatch(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo());
        String relative = path.startsWith(BASE) ? path.substring(BASE.length()) : path;
        TreeSet<String> allowed = new TreeSet<>();
        for (Operation o : operations) {
            Optional<List<String>> vars = o.match(relative);
            if (vars.isEmpty()) {
                continue;
            }
            if (!o.method().equals(req.getMethod()) && !("HEAD".equals(req.getMethod()) && o.method().equals("GET"))) {
                allowed.add(o.method());
                continue;
            }
            try {
                o.handler().handle(req, resp, vars.get());
            } catch (InboundGate.Unavailable e) {
                VcsProblems.unavailable(resp, e, req.getRequestURI());
            }
            return;
        }
        if (allowed.isEmpty()) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND);
        } else {
            resp.setHeader("Allow", String.join(", ", allowed));
            resp.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
        }
    }

    private void submitReferral(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        withBody(req, resp, (caller, body) -> accepted(resp, "referralId", hub.get().submitReferral(caller, body,
                req.getContentType(), IdempotencyKeys.of(req.getHeader(IdempotencyKeys.HEADER)))));
    }

    private void submitOutcome(HttpServletRequest req, HttpServletResponse resp, String referralId) throws IOException {
        withBody(req, resp, (caller, body) -> accepted(resp, "outcomeId", hub.get().submitOutcome(caller, referralId,
                body, req.getContentType(), IdempotencyKeys.of(req.getHeader(IdempotencyKeys.HEADER)))));
    }

    private void list(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        withCaller(req, resp, caller -> {
            ObjectNode out = JSON.createObjectNode();
            ArrayNode items = out.putArray("referrals");
            hub.get().referrals(caller.id(), maxPage).forEach(r -> items.add(summary(r)));
            VcsProblems.json(resp, 200, out);
        });
    }

    private void read(HttpServletRequest req, HttpServletResponse resp, String referralId) throws IOException {
        withCaller(req, resp, caller -> {
            VcsHub.Referral r = hub.get().referral(caller.id(), referralId).orElseThrow(() ->
                    new VcsApiException(VcsProblemType.NOT_FOUND, "no referral of yours has this id"));
            ObjectNode out = summary(r);
            hub.get().released(caller.id(), referralId).ifPresent(body -> out.set("referral", body));
            VcsProblems.json(resp, 200, out);
        });
    }

    private void inbox(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        withCaller(req, resp, caller -> {
            long afterSeq = number(req.getParameter("after"), "after", 0);
            int max = (int) Math.min(number(req.getParameter("limit"), "limit", maxPage), maxPage);
            ObjectNode out = JSON.createObjectNode();
            ArrayNode items = out.putArray("items");
            long cursor = afterSeq;
            for (VcsHub.InboxItem i : hub.get().inbox(caller.id(), afterSeq, Math.max(max, 1))) {
                ObjectNode item = items.addObject();
                item.put("cursor", i.seq());
                item.put("eventId", i.eventId());
                item.put("type", i.event());
                item.put("receivedAt", i.keptAt().toString());
                item.put("contentType", i.contentType());
                item.set("body", parse(i.body()));
                cursor = i.seq();
            }
            out.put("cursor", cursor);
            out.put("waiting", hub.get().waiting(caller.id()));
            VcsProblems.json(resp, 200, out);
        });
    }

    private void acknowledge(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        withBody(req, resp, (caller, body) -> {
            long cursor = VcsAck.read(body);
            ObjectNode out = JSON.createObjectNode();
            out.put("acknowledged", hub.get().acknowledge(caller.id(), cursor));
            out.put("waiting", hub.get().waiting(caller.id()));
            VcsProblems.json(resp, 200, out);
        });
    }

    private interface CallerHandler {
        void handle(AgencyConfig caller) throws IOException;
    }

    private interface BodyHandler {
        void handle(AgencyConfig caller, byte[] body) throws IOException;
    }

    private void withBody(HttpServletRequest req, HttpServletResponse resp, BodyHandler handler) throws IOException {
        withCaller(req, resp, caller -> {
            byte[] body;
            try {
                body = requests.jsonBody(req, caller);
            } catch (IOException e) {
                throw new VcsApiException(VcsProblemType.MALFORMED_JSON, "the body could not be read");
            }
            try {
                handler.handle(caller, body);
            } catch (VcsApiException e) {
                throw requests.keep(caller, e, req.getContentType(), body);
            }
        });
    }

    private void withCaller(HttpServletRequest req, HttpServletResponse resp, CallerHandler f) throws IOException {
        try {
            Optional<AgencyConfig> caller = requests.caller(req);
            if (caller.isEmpty()) {
                VcsProblems.unauthenticated(resp);
                return;
            }
            f.handle(caller.get());
        } catch (VcsApiException e) {
            VcsProblems.write(resp, e, req.getRequestURI());
        }
    }

    private static ObjectNode summary(VcsHub.Referral r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("referralId", r.referralId());
        n.put("role", r.role());
        if (r.counterpart() != null) {
            n.put(r.role().equals("sent") ? "to" : "from", r.counterpart());
        }
        n.put("status", r.status());
        r.withheldRule().ifPresent(rule -> n.putObject("withheld").put("rule", rule));
        if (r.outcomeId() != null) {
            n.put("outcomeId", r.outcomeId());
        }
        n.put("createdAt", r.createdAt().toString());
        n.put("updatedAt", r.updatedAt().toString());
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

    private static void accepted(HttpServletResponse resp, String idName, VcsHub.Accepted a) throws IOException {
        ObjectNode out = JSON.createObjectNode();
        out.put(idName, a.id());
        out.put("duplicate", a.duplicate());
        VcsProblems.json(resp, 202, out);
    }

    private interface Handler {
        void handle(HttpServletRequest req, HttpServletResponse resp, List<String> vars) throws IOException;
    }

    /** An operation: method, path template below {@value #BASE} ({@code {name}} is one path segment), handler. */
    private record Operation(String method, String template, Handler handler) {
        /** The path variables, when {@code path} has the template's shape. */
        Optional<List<String>> match(String path) {
            String[] want = template.substring(1).split("/", -1);
            String[] got = path.startsWith("/") ? path.substring(1).split("/", -1) : new String[0];
            if (want.length != got.length) {
                return Optional.empty();
            }
            List<String> vars = new ArrayList<>();
            for (int i = 0; i < want.length; i++) {
                if (want[i].startsWith("{")) {
                    if (got[i].isEmpty()) {
                        return Optional.empty();
                    }
                    vars.add(got[i]);
                } else if (!want[i].equals(got[i])) {
                    return Optional.empty();
                }
            }
            return Optional.of(vars);
        }
    }
}
