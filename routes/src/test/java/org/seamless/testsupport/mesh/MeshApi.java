package org.seamless.testsupport.mesh;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The HTTP side of the simulator: routes each {@code /messageexchange/...} request of the MESH API,
 * authenticates it, and answers in the v2 shape when the client sends
 * {@code Accept: application/vnd.mesh.v2+json}, in the v1 shape otherwise.
 */
final class MeshApi implements HttpHandler {
    static final String V2 = "application/vnd.mesh.v2+json";
    private static final String ROOT = "/messageexchange/";
    private static final int DEFAULT_PAGE = 500;

    private final MeshPostOffice office;
    private final MeshAuthenticator auth;
    private final MeshSimulator.Observations seen;
    private final ObjectMapper json = new ObjectMapper();

    MeshApi(MeshPostOffice office, MeshAuthenticator auth, MeshSimulator.Observations seen) {
        this.office = office;
        this.auth = auth;
        this.seen = seen;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try {
            byte[] body = ex.getRequestBody().readAllBytes();
            route(ex, body);
        } catch (RuntimeException e) {
            // why: a simulator bug must fail the test that hit it (serverErrors), not pass as a MESH answer
            seen.serverErrors.incrementAndGet();
            if (ex.getResponseCode() == -1) {
                ex.sendResponseHeaders(500, -1);
            }
        } finally {
            ex.close();
        }
    }

    private void route(HttpExchange ex, byte[] body) throws IOException {
        String raw = ex.getRequestURI().getRawPath();
        if (!raw.startsWith(ROOT)) {
            ex.sendResponseHeaders(404, -1);
            return;
        }
        List<String> s = Arrays.stream(raw.substring(ROOT.length()).split("/", -1))
                .map(p -> URLDecoder.decode(p, StandardCharsets.UTF_8)).toList();
        String method = ex.getRequestMethod();
        boolean v2 = Optional.ofNullable(ex.getRequestHeaders().getFirst("Accept")).orElse("").contains(V2);
        Map<String, String> query = MeshQuery.parse(ex.getRequestURI().getRawQuery());
        // the lookups carry no Authorization header in the specification
        if (s.size() == 3 && s.get(0).equals("endpointlookup") && method.equals("GET")) {
            lookup(ex, v2, m -> m.odsCode().equals(s.get(1)) && m.handles(s.get(2)));
            return;
        }
        if (s.size() == 2 && s.get(0).equals("workflowsearch") && method.equals("GET")) {
            lookup(ex, true, m -> m.handles(s.get(1)));
            return;
        }
        String mailbox = s.get(0);
        if (s.size() == 1 && method.equals("POST") && !handshakeHeadersPresent(ex)) {
            return;
        }
        MeshAuthenticator.Refusal refusal = auth.check(ex.getRequestHeaders().getFirst("Authorization"), mailbox,
                office.mailboxes());
        if (refusal != null) {
            seen.refusals.add(refusal.name());
            ex.sendResponseHeaders(403, -1);
            return;
        }
        if (s.size() == 4 && s.get(1).equals("outbox") && s.get(2).equals("tracking") && method.equals("GET")) {
            trackByLocalId(ex, mailbox, s.get(3));
            return;
        }
        String shape = method + " " + String.join("/", s.subList(1, s.size()).stream()
                .map(p -> p.matches("\\d{1,9}") ? "#" : p.equals("inbox") || p.equals("outbox") || p.equals("status")
                        || p.equals("acknowledged") || p.equals("tracking") || p.equals("count") ? p : "*").toList());
        switch (shape) {
            case "POST " -> handshake(ex, mailbox);
            case "GET inbox" -> inbox(ex, mailbox, v2, query);
            case "GET inbox/*", "HEAD inbox/*" -> download(ex, mailbox, s.get(2), 1, method.equals("HEAD"));
            case "GET inbox/*/#" -> download(ex, mailbox, s.get(2), Integer.parseInt(s.get(3)), false);
            case "PUT inbox/*/status/acknowledged" -> acknowledge(ex, mailbox, s.get(2), v2);
            case "GET count" -> count(ex, mailbox, v2);
            case "POST outbox" -> send(ex, mailbox, v2, body);
            case "POST outbox/*/#" -> chunk(ex, mailbox, s.get(2), Integer.parseInt(s.get(3)), v2, body);
            case "GET outbox/tracking" -> trackById(ex, mailbox, v2, query.get("messageID"));
            default -> ex.sendResponseHeaders(404, -1);
        }
    }

    private boolean handshakeHeadersPresent(HttpExchange ex) throws IOException {
        for (String h : List.of("mex-clientversion", "mex-osname", "mex-osversion")) {
            if (ex.getRequestHeaders().getFirst(h) == null) {
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("loc", List.of("header", h));
                detail.put("msg", "field required");
                detail.put("type", "value_error.missing");
                send(ex, 400, "application/json", Map.of("detail", List.of(detail)));
                return false;
            }
        }
        return true;
    }

    private void handshake(HttpExchange ex, String mailbox) throws IOException {
        seen.handshakes.merge(mailbox, 1, Integer::sum);
        ex.sendResponseHeaders(200, -1);
    }

    private void inbox(HttpExchange ex, String mailbox, boolean v2, Map<String, String> q) throws IOException {
        int max = DEFAULT_PAGE;
        if (v2 && q.containsKey("max_results")) {
            max = q.get("max_results").matches("\\d{1,4}") ? Integer.parseInt(q.get("max_results")) : -1;
            if (max < 10 || max > 5000) {
                send(ex, 400, "application/json", Map.of("detail", List.of(Map.of("loc", List.of("query", "max_results"),
                        "msg", "max_results must be between 10 and 5000", "type", "value_error"))));
                return;
            }
        }
        String after = q.get("continue_from");
        if (after != null && v2) {
            try {
                after = new String(Base64.getUrlDecoder().decode(after), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                send(ex, 400, "application/json", Map.of("detail", List.of(Map.of("loc", List.of("query",
                        "continue_from"), "msg", "not a continue_from token of this inbox", "type", "value_error"))));
                return;
            }
        }
        String from = after;
        Predicate<MeshMessage> workflow = MeshQuery.workflowFilter(q.get("workflow_filter"));
        List<MeshMessage> all = office.inbox(mailbox, workflow);
        List<MeshMessage> rest = all.stream().filter(m -> from == null || m.id.compareTo(from) > 0).toList();
        List<String> page = rest.stream().limit(max).map(m -> m.id).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("messages", page);
        if (v2) {
            String base = ROOT + mailbox + "/inbox?max_results=" + max
                    + (q.containsKey("workflow_filter") ? "&workflow_filter=" + enc(q.get("workflow_filter")) : "");
            Map<String, String> links = new LinkedHashMap<>();
            links.put("self", base + (q.containsKey("continue_from") ? "&continue_from=" + enc(q.get("continue_from")) : ""));
            if (rest.size() > page.size()) {
                String token = Base64.getUrlEncoder().encodeToString(page.get(page.size() - 1)
                        .getBytes(StandardCharsets.UTF_8));
                links.put("next", base + "&continue_from=" + enc(token));
            }
            out.put("links", links);
            out.put("approx_inbox_count", all.size());
        }
        send(ex, 200, v2 ? V2 : "application/json", out);
    }

    private void download(HttpExchange ex, String mailbox, String id, int chunk, boolean head) throws IOException {
        Optional<MeshMessage> found = office.received(mailbox, id);
        if (found.isEmpty()) {
            ex.sendResponseHeaders(404, -1);
            return;
        }
        MeshMessage m = found.get();
        if (m.expired || m.acknowledgedAt != null) {
            ex.sendResponseHeaders(410, -1);
            return;
        }
        if (chunk < 1 || chunk > m.totalChunks()) {
            ex.sendResponseHeaders(404, -1);
            return;
        }
        MeshDownloadHeaders.write(ex.getResponseHeaders(), m, chunk);
        if (head) {
            ex.sendResponseHeaders(200, -1);
            return;
        }
        byte[] bytes = m.chunks[chunk - 1];
        seen.downloads.merge(mailbox, 1, Integer::sum);
        ex.sendResponseHeaders(chunk < m.totalChunks() ? 206 : 200, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            ex.getResponseBody().write(bytes);
        }
    }

    private void acknowledge(HttpExchange ex, String mailbox, String id, boolean v2) throws IOException {
        Optional<MeshMessage> found = office.received(mailbox, id);
        if (found.isEmpty() || !office.acknowledge(mailbox, id)) {
            ex.sendResponseHeaders(found.isEmpty() ? 404 : 410, -1);
            return;
        }
        if (v2) {
            ex.sendResponseHeaders(200, -1);
        } else {
            send(ex, 200, "application/json", Map.of("messageId", id));
        }
    }

    private void count(HttpExchange ex, String mailbox, boolean v2) throws IOException {
        int n = office.inbox(mailbox, m -> true).size();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("count", n);
        if (!v2) {
            out.put("internalID", office.newId());
            out.put("allResultsIncluded", true);
        }
        send(ex, 200, v2 ? V2 : "application/json", out);
    }

    private void send(HttpExchange ex, String mailbox, boolean v2, byte[] body) throws IOException {
        MeshPostOffice.Sent sent;
        try {
            sent = office.send(mailbox, MeshMessageHeaders.read(ex.getRequestHeaders()), body);
        } catch (MeshMessageHeaders.Malformed e) {
            sent = new MeshPostOffice.Sent(null, new MeshPostOffice.Refused(417, "06", "Malformed headers: " + e.getMessage()));
        }
        answerSent(ex, v2, sent);
    }

    private void chunk(HttpExchange ex, String mailbox, String id, int number, boolean v2, byte[] body)
            throws IOException {
        answerSent(ex, v2, office.chunk(mailbox, id, number, ex.getRequestHeaders().getFirst("mex-chunk-range"), body));
    }

    private void answerSent(HttpExchange ex, boolean v2, MeshPostOffice.Sent sent) throws IOException {
        MeshPostOffice.Refused r = sent.refused();
        if (r == null) {
            send(ex, 202, v2 ? V2 : "application/json", Map.of(v2 ? "message_id" : "messageID", sent.messageId()));
            return;
        }
        seen.sendErrors.add(r.code() == null ? String.valueOf(r.httpStatus()) : r.code());
        if (r.httpStatus() != 417) {
            ex.sendResponseHeaders(r.httpStatus(), -1);
            return;
        }
        String internal = office.newId();
        Map<String, Object> out = new LinkedHashMap<>();
        if (v2) {
            out.put("message_id", internal);
            out.put("internal_id", internal);
            out.put("detail", List.of(Map.of("event", "SEND", "code", r.code(), "msg", r.description())));
        } else {
            out.put("messageID", internal);
            out.put("errorEvent", "SEND");
            out.put("errorCode", r.code());
            out.put("errorDescription", r.description());
        }
        send(ex, 417, v2 ? V2 : "application/json", out);
    }

    private void trackById(HttpExchange ex, String mailbox, boolean v2, String id) throws IOException {
        if (id == null || id.isEmpty()) {
            send(ex, 400, "application/json", Map.of("detail", List.of(Map.of("loc", List.of("query", "messageID"),
                    "msg", "field required", "type", "value_error.missing"))));
            return;
        }
        List<MeshMessage> found = office.sent(mailbox, m -> m.id.equals(id));
        if (found.isEmpty()) {
            ex.sendResponseHeaders(404, -1);
            return;
        }
        MeshTracking t = new MeshTracking(found.get(0), office.mailboxes());
        send(ex, 200, v2 ? V2 : "application/json", v2 ? t.v2() : t.v1());
    }

    private void trackByLocalId(HttpExchange ex, String mailbox, String localId) throws IOException {
        List<MeshMessage> found = office.sent(mailbox, m -> localId.equals(m.localId));
        if (found.size() != 1) {
            ex.sendResponseHeaders(found.isEmpty() ? 404 : 300, -1);
            return;
        }
        send(ex, 200, "application/json", new MeshTracking(found.get(0), office.mailboxes()).v1());
    }

    private void lookup(HttpExchange ex, boolean v2, Predicate<MeshMailbox> match) throws IOException {
        List<MeshMailbox> found = office.mailboxes().values().stream().filter(match)
                .sorted(java.util.Comparator.comparing(MeshMailbox::id)).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        if (v2) {
            out.put("results", found.stream().map(m -> Map.of("mailbox_id", m.id(), "mailbox_name", m.name())).toList());
        } else {
            out.put("query_id", office.newId());
            out.put("results", found.stream().map(m -> Map.of("address", m.id(), "description", m.name(),
                    "endpoint_type", "MESH")).toList());
        }
        send(ex, 200, v2 ? V2 : "application/json", out);
    }

    private void send(HttpExchange ex, int status, String contentType, Object body) throws IOException {
        byte[] out = json.writeValueAsBytes(body);
        Headers h = ex.getResponseHeaders();
        h.set("Content-Type", contentType);
        ex.sendResponseHeaders(status, out.length);
        ex.getResponseBody().write(out);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
