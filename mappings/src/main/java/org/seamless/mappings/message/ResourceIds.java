package org.seamless.mappings.message;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Ids of the resources inside a message, derived from the message id so that building the same
 * message twice gives the same bundle (stable golden files, stable replays).
 */
public final class ResourceIds {
    private ResourceIds() {
    }

    /** A name-based (type 3) UUID for the resource playing {@code role} in message {@code messageId}. */
    public static String derived(String messageId, String role) {
        return UUID.nameUUIDFromBytes((messageId + "|" + role).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The {@code urn:uuid:} full URL for a UUID id. */
    public static String urn(String uuid) {
        return "urn:uuid:" + uuid;
    }
}
