package org.seamless.testsupport.mesh;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The receiving side of the MESH API: check an inbox, download (whole or by chunk, or HEAD), acknowledge, count. */
final class MeshInboxEndpoints {
    private static final int DEFAULT_PAGE = 500;

    private final MeshPostOffice office;
    private final MeshSimulator.Observations seen;

    MeshInboxEndpoints(MeshPostOffice office, MeshSimulator.Observations seen) {
        this.office = office;
        this.seen = seen;
    }

    void list(HttpExchange ex, String mailbox, boolean v2, Map<String, String> q) throws IOException {
        int max = DEFAULT_PAGE;
        if (v2 && q.containsKey("max_results")) {
            max = q.get("max_results").matches("\\d{1,4}") ? Integer.parseInt(q.get("max_results")) : -1;
            if (max < 10 || max > 5000) {
                MeshReplies.invalid(ex, "query", "max_results", "must be between 10 and 5000", "value_error");
                return;
            }
        }
        String after = q.get("continue_from");
        if (after != null && v2) { // v2: an opaque token; v1: the last message id of the previous page
            try {
                after = new String(Base64.getUrlDecoder().decode(after), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                MeshReplies.invalid(ex, "query", "continue_from", "not a token of this inbox", "value_error");
                return;
            }
        }
        String from = after;
        List<MeshMessage> all = office.inbox(mailbox, MeshQuery.workflowFilter(q.get("workflow_filter")));
        List<MeshMessage> rest = all.stream().filter(m -> from == null || m.id.compareTo(from) > 0).toList();
        List<String> page = rest.stream().limit(max).map(m -> m.id).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("messages", page);
        if (v2) {
            String base = "/messageexchange/" + mailbox + "/inbox?max_results=" + max
                    + (q.containsKey("workflow_filter") ? "&workflow_filter=" + enc(q.get("workflow_filter")) : "");
            Map<String, String> links = new LinkedHashMap<>();
            links.put("self", base + (q.containsKey("continue_from") ? "&continue_from=" + enc(q.get("continue_from")) : ""));
            if (rest.size() > page.size()) {
                String last = page.get(page.size() - 1);
                links.put("next", base + "&continue_from="
                        + enc(Base64.getUrlEncoder().encodeToString(last.getBytes(StandardCharsets.UTF_8))));
            }
            out.put("links", links);
            out.put("approx_inbox_count", all.size());
        }
        MeshReplies.json(ex, 200, v2, out);
    }

    void download(HttpExchange ex, String mailbox, String id, int chunk, boolean head) throws IOException {
        Optional<MeshMessage> found = office.received(mailbox, id);
        if (found.isEmpty()) {
            MeshReplies.empty(ex, 404);
            return;
        }
        MeshMessage m = found.get();
        if (m.expired || m.acknowledgedAt != null) {
            MeshReplies.empty(ex, 410);
            return;
        }
        if (chunk < 1 || chunk > m.totalChunks()) {
            MeshReplies.empty(ex, 404);
            return;
        }
        MeshDownloadHeaders.write(ex.getResponseHeaders(), m, chunk);
        if (head) {
            MeshReplies.empty(ex, 200);
            return;
        }
        byte[] bytes = m.chunks[chunk - 1];
        seen.downloads.merge(mailbox, 1, Integer::sum);
        ex.sendResponseHeaders(chunk < m.totalChunks() ? 206 : 200, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            ex.getResponseBody().write(bytes);
        }
    }

    void acknowledge(HttpExchange ex, String mailbox, String id, boolean v2) throws IOException {
        Optional<MeshMessage> found = office.received(mailbox, id);
        if (found.isEmpty() || !office.acknowledge(mailbox, id)) {
            MeshReplies.empty(ex, found.isEmpty() ? 404 : 410);
        } else if (v2) {
            MeshReplies.empty(ex, 200);
        } else {
            MeshReplies.json(ex, 200, false, Map.of("messageId", id));
        }
    }

    void count(HttpExchange ex, String mailbox, boolean v2) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("count", office.inbox(mailbox, m -> true).size());
        if (!v2) {
            out.put("internalID", office.newId());
            out.put("allResultsIncluded", true);
        }
        MeshReplies.json(ex, 200, v2, out);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
