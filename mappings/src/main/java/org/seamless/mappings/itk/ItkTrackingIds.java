package org.seamless.mappings.itk;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * ITK tracking ids: name-based (version 5, SHA-1) UUIDs in the upper-case form the ITK schema
 * requires ({@code [A-F0-9]{8}-...}). Derived from (source-scoped message key, replay generation), so a broker
 * redelivery carries the same tracking id and the receiving system can drop the repeat, while an
 * operator's replay (a new generation) is a new transmission.
 */
public final class ItkTrackingIds {
    /** Namespace of Seamless's name-based ITK ids (itself a fixed random UUID). */
    static final UUID NAMESPACE = UUID.fromString("6f1c2d0e-5b7a-4c39-9e41-2a8d3f6b7c15");
    private static final Pattern ITK_UUID =
            Pattern.compile("[A-F0-9]{8}-[A-F0-9]{4}-[A-F0-9]{4}-[A-F0-9]{4}-[A-F0-9]{12}");

    private ItkTrackingIds() {
    }

    /**
     * The tracking id of one transmission of a message; {@code messageId} is the message's
     * source-scoped key ({@link org.seamless.mappings.canonical.ScopedMessageIds}) for notices Seamless sends.
     */
    public static String of(String messageId, int replayGeneration) {
        Objects.requireNonNull(messageId, "messageId");
        if (replayGeneration < 0) {
            throw new IllegalArgumentException("replay generation must not be negative");
        }
        return nameBased("tracking|" + messageId + "|" + replayGeneration);
    }

    /** An upper-case version 5 UUID for a name in Seamless's namespace. */
    public static String nameBased(String name) {
        return v5(NAMESPACE, name);
    }

    /** RFC 4122 name-based UUID, version 5, upper-case. */
    static String v5(UUID namespace, String name) {
        byte[] hash = sha1(namespace, name);
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50); // version 5
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // IETF variant
        ByteBuffer b = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(b.getLong(), b.getLong()).toString().toUpperCase(Locale.ROOT);
    }

    /** Whether a value is a UUID in the ITK's upper-case form. */
    public static boolean isValid(String value) {
        return value != null && ITK_UUID.matcher(value).matches();
    }

    private static byte[] sha1(UUID namespace, String name) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(ByteBuffer.allocate(16).putLong(namespace.getMostSignificantBits())
                    .putLong(namespace.getLeastSignificantBits()).array());
            return sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
