package org.seamless.ops;

import java.net.URI;

/**
 * The RFC 9457 problem types of the operator ({@code /api/ops/**}) and IG ({@code /api/ig/**}) APIs,
 * listed in {@code x-problem-types} of ops-api.yaml and ig-api.yaml. Types an agency also meets keep the
 * agency API's URI ({@code unauthenticated}, {@code payload-too-large}).
 */
public enum OperatorProblemType {
    UNAUTHENTICATED(401, "unauthenticated", "Authentication required"),
    FORBIDDEN(403, "forbidden", "Your role may not do this"),
    INVALID_REQUEST(400, "invalid-request", "The request is not as documented"),
    UNKNOWN_AGENCY(404, "unknown-agency", "No agency in the registry has this id"),
    UNKNOWN_QUARANTINE_ITEM(404, "unknown-quarantine-item", "No quarantined item has this id"),
    UNKNOWN_MESSAGE(404, "unknown-message", "No message kept by the hub has this id"),
    UNKNOWN_HELD_ROW(404, "unknown-held-row", "No row held by PDS tracing has this agency, file and line"),
    AMBIGUOUS_MESSAGE_ID(409, "ambiguous-message-id", "More than one source agency sent a message with this id"),
    ALREADY_RESOLVED(409, "already-resolved", "This held row was already resolved"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "The body exceeds the size limit");

    /** Base of the problem type URIs (the same as the agency API's). */
    public static final String BASE = "https://seamless.dev/problems/";

    private final int status;
    private final String slug;
    private final String title;

    OperatorProblemType(int status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public URI uri() {
        return URI.create(BASE + slug);
    }
}
