package org.seamless.testsupport.mesh;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The sending side of the MESH API: send a message or its first chunk, send further chunks, track. */
final class MeshOutboxEndpoints {
    private final MeshPostOffice office;
    private final MeshSimulator.Observations seen;

    MeshOutboxEndpoints(MeshPostOffice office, MeshSimulator.Observations seen) {
        this.office = office;
        this.seen = seen;
    }

    void send(HttpExchange ex, String mailbox, boolean v2, byte[] body) throws IOException {
        MeshPostOffice.Sent sent;
        try {
            sent = office.send(mailbox, MeshMessageHeaders.read(ex.getRequestHeaders()), body);
        } catch (MeshMessageHeaders.Malformed e) {
            sent = new MeshPostOffice.Sent(null, new MeshPostOffice.Refused(417, "06",
                    "Malformed headers: " + e.getMessage()));
        }
        answer(ex, v2, sent);
    }

    void chunk(HttpExchange ex, String mailbox, String id, int number, boolean v2, byte[] body) throws IOException {
        answer(ex, v2, office.chunk(mailbox, id, number, ex.getRequestHeaders().getFirst("mex-chunk-range"), body));
    }

    private void answer(HttpExchange ex, boolean v2, MeshPostOffice.Sent sent) throws IOException {
        MeshPostOffice.Refused r = sent.refused();
        if (r == null) {
            MeshReplies.json(ex, 202, v2, Map.of(v2 ? "message_id" : "messageID", sent.messageId()));
            return;
        }
        seen.sendErrors.add(r.code() == null ? String.valueOf(r.httpStatus()) : r.code());
        if (r.httpStatus() != 417) {
            MeshReplies.empty(ex, r.httpStatus());
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
        MeshReplies.json(ex, 417, v2, out);
    }

    void trackById(HttpExchange ex, String mailbox, boolean v2, String id) throws IOException {
        if (id == null || id.isEmpty()) {
            MeshReplies.invalid(ex, "query", "messageID", "field required", "value_error.missing");
            return;
        }
        List<MeshMessage> found = office.sent(mailbox, m -> m.id.equals(id));
        if (found.isEmpty()) {
            MeshReplies.empty(ex, 404);
            return;
        }
        MeshTracking t = new MeshTracking(found.get(0), office.mailboxes());
        MeshReplies.json(ex, 200, v2, v2 ? t.v2() : t.v1());
    }

    /** The deprecated by-local-id tracking: v1 shape only, 300 when the local id is not unique. */
    void trackByLocalId(HttpExchange ex, String mailbox, String localId) throws IOException {
        List<MeshMessage> found = office.sent(mailbox, m -> localId.equals(m.localId));
        if (found.size() != 1) {
            MeshReplies.empty(ex, found.isEmpty() ? 404 : 300);
            return;
        }
        MeshReplies.json(ex, 200, false, new MeshTracking(found.get(0), office.mailboxes()).v1());
    }
}
