package org.seamless.testsupport.mesh;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The HTTP side of the simulator: routes each {@code /messageexchange/...} request of the MESH API,
 * authenticates it, and answers in the v2 shape when the client sends
 * {@code Accept: application/vnd.mesh.v2+json}, in the v1 shape otherwise.
 */
final class MeshApi implements HttpHandler {
    private static final String ROOT = "/messageexchange/";
    private static final Set<String> FIXED = Set.of("inbox", "outbox", "status", "acknowledged", "tracking", "count");
    private static final List<String> CLIENT_HEADERS = List.of("mex-clientversion", "mex-osname", "mex-osversion");

    private final MeshPostOffice office;
    private final MeshAuthenticator auth;
    private final MeshSimulator.Observations seen;
    private final MeshInboxEndpoints inbox;
    private final MeshOutboxEndpoints outbox;

    MeshApi(MeshPostOffice office, MeshAuthenticator auth, MeshSimulator.Observations seen) {
        this.office = office;
        this.auth = auth;
        this.seen = seen;
        this.inbox = new MeshInboxEndpoints(office, seen);
        this.outbox = new MeshOutboxEndpoints(office, seen);
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
                MeshReplies.empty(ex, 500);
            }
        } finally {
            ex.close();
        }
    }

    private void route(HttpExchange ex, byte[] body) throws IOException {
        String raw = ex.getRequestURI().getRawPath();
        if (!raw.startsWith(ROOT)) {
            MeshReplies.empty(ex, 404);
            return;
        }
        List<String> s = Arrays.stream(raw.substring(ROOT.length()).split("/", -1))
                .map(p -> URLDecoder.decode(p, StandardCharsets.UTF_8)).toList();
        String method = ex.getRequestMethod();
        boolean v2 = Optional.ofNullable(ex.getRequestHeaders().getFirst("Accept")).orElse("").contains(MeshReplies.V2);
        Map<String, String> query = MeshQuery.parse(ex.getRequestURI().getRawQuery());
        // why: the lookups carry no Authorization header in the specification
        if (s.size() == 3 && s.get(0).equals("endpointlookup") && method.equals("GET")) {
            lookup(ex, v2, m -> m.odsCode().equals(s.get(1)) && m.handles(s.get(2)));
            return;
        }
        if (s.size() == 2 && s.get(0).equals("workflowsearch") && method.equals("GET")) {
            lookup(ex, true, m -> m.handles(s.get(1))); // its v1 answer has the v2 shape
            return;
        }
        String mailbox = s.get(0);
        if (s.size() == 1 && method.equals("POST") && !clientHeadersPresent(ex)) {
            return;
        }
        MeshAuthenticator.Refusal refusal = auth.check(ex.getRequestHeaders().getFirst("Authorization"), mailbox,
                office.mailboxes());
        if (refusal != null) {
            seen.refusals.add(refusal.name());
            MeshReplies.empty(ex, 403);
            return;
        }
        if (s.size() == 4 && s.get(1).equals("outbox") && s.get(2).equals("tracking") && method.equals("GET")) {
            outbox.trackByLocalId(ex, mailbox, s.get(3)); // before the shapes: a local id may be all digits
            return;
        }
        String shape = method + " " + String.join("/", s.subList(1, s.size()).stream()
                .map(p -> p.matches("\\d{1,9}") ? "#" : FIXED.contains(p) ? p : "*").toList());
        switch (shape) {
            case "POST " -> handshake(ex, mailbox);
            case "GET inbox" -> inbox.list(ex, mailbox, v2, query);
            case "GET inbox/*", "HEAD inbox/*" -> inbox.download(ex, mailbox, s.get(2), 1, method.equals("HEAD"));
            case "GET inbox/*/#" -> inbox.download(ex, mailbox, s.get(2), Integer.parseInt(s.get(3)), false);
            case "PUT inbox/*/status/acknowledged" -> inbox.acknowledge(ex, mailbox, s.get(2), v2);
            case "GET count" -> inbox.count(ex, mailbox, v2);
            case "POST outbox" -> outbox.send(ex, mailbox, v2, body);
            case "POST outbox/*/#" -> outbox.chunk(ex, mailbox, s.get(2), Integer.parseInt(s.get(3)), v2, body);
            case "GET outbox/tracking" -> outbox.trackById(ex, mailbox, v2, query.get("messageID"));
            default -> MeshReplies.empty(ex, 404);
        }
    }

    private boolean clientHeadersPresent(HttpExchange ex) throws IOException {
        for (String h : CLIENT_HEADERS) {
            if (ex.getRequestHeaders().getFirst(h) == null) {
                MeshReplies.invalid(ex, "header", h, "field required", "value_error.missing");
                return false;
            }
        }
        return true;
    }

    private void handshake(HttpExchange ex, String mailbox) throws IOException {
        seen.handshakes.merge(mailbox, 1, Integer::sum);
        MeshReplies.empty(ex, 200);
    }

    private void lookup(HttpExchange ex, boolean v2, Predicate<MeshMailbox> match) throws IOException {
        List<MeshMailbox> found = office.mailboxes().values().stream().filter(match)
                .sorted(Comparator.comparing(MeshMailbox::id)).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        if (v2) {
            out.put("results", found.stream().map(m -> Map.of("mailbox_id", m.id(), "mailbox_name", m.name())).toList());
        } else {
            out.put("query_id", office.newId());
            out.put("results", found.stream().map(m -> Map.of("address", m.id(), "description", m.name(),
                    "endpoint_type", "MESH")).toList());
        }
        MeshReplies.json(ex, 200, v2, out);
    }
}
