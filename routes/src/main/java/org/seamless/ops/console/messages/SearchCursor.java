package org.seamless.ops.console.messages;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Where the next page of a message search begins: the last row's time, source and message id (the
 * search's sort key), as an opaque URL-safe token. Holds no personal data.
 */
public record SearchCursor(Instant receivedAt, String source, String messageId) {

    public String encode() {
        String raw = receivedAt.getEpochSecond() + "." + receivedAt.getNano() + "\n" + source + "\n" + messageId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor in {@code token}, or empty when it is absent or not one this class made. */
    public static Optional<SearchCursor> decode(String token) {
        if (token == null || token.isBlank() || token.length() > 400) {
            return Optional.empty();
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\n", -1);
            String[] time = parts[0].split("\\.");
            if (parts.length != 3 || time.length != 2 || parts[1].length() > 64 || parts[2].length() > 64) {
                return Optional.empty();
            }
            return Optional.of(new SearchCursor(Instant.ofEpochSecond(Long.parseLong(time[0]), Long.parseLong(time[1])),
                    parts[1], parts[2]));
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            return Optional.empty();
        }
    }
}
