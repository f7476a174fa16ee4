package org.seamless.testsupport.mesh;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks the {@code NHSMESH} {@code Authorization} header as the MESH API specification defines it:
 * {@code NHSMESH <mailbox_id>:<nonce>:<nonce_count>:<timestamp>:<hash>}, where hash is the hex
 * HMAC-SHA256, keyed with the environment shared secret, of
 * {@code mailbox_id:nonce:nonce_count:mailbox_password:timestamp}; the timestamp
 * ({@code yyyyMMddHHmm}, UTC) within 2 hours of the server's time; each token accepted once only.
 */
final class MeshAuthenticator {
    static final String SCHEME = "NHSMESH ";
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmm");
    private static final Duration WINDOW = Duration.ofHours(2);

    /** Why a request was refused (403), for tests to assert the reason and not just the status. */
    enum Refusal {
        MISSING, NOT_NHSMESH, MALFORMED, MAILBOX_MISMATCH, UNKNOWN_MAILBOX, BAD_NONCE_COUNT, BAD_TIMESTAMP,
        OUTSIDE_WINDOW, BAD_HASH, REPLAYED
    }

    private final byte[] sharedSecret;
    private final Clock clock;
    private final Set<String> usedTokens = ConcurrentHashMap.newKeySet();

    MeshAuthenticator(String sharedSecret, Clock clock) {
        this.sharedSecret = sharedSecret.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    /** {@code null} when the header authenticates {@code pathMailbox}; otherwise why not. */
    Refusal check(String header, String pathMailbox, Map<String, MeshMailbox> mailboxes) {
        if (header == null || header.isEmpty()) {
            return Refusal.MISSING;
        }
        if (!header.startsWith(SCHEME)) {
            return Refusal.NOT_NHSMESH;
        }
        String[] parts = header.substring(SCHEME.length()).split(":", -1);
        if (parts.length != 5 || java.util.Arrays.stream(parts).anyMatch(String::isEmpty)) {
            return Refusal.MALFORMED;
        }
        String mailboxId = parts[0];
        String nonce = parts[1];
        String nonceCount = parts[2];
        String timestamp = parts[3];
        String hash = parts[4];
        if (!mailboxId.equals(pathMailbox)) {
            return Refusal.MAILBOX_MISMATCH;
        }
        MeshMailbox mailbox = mailboxes.get(mailboxId);
        if (mailbox == null) {
            return Refusal.UNKNOWN_MAILBOX;
        }
        if (!nonceCount.chars().allMatch(Character::isDigit)) {
            return Refusal.BAD_NONCE_COUNT;
        }
        LocalDateTime at;
        try {
            at = LocalDateTime.parse(timestamp, TIMESTAMP);
        } catch (DateTimeParseException e) {
            return Refusal.BAD_TIMESTAMP;
        }
        if (Duration.between(at.toInstant(ZoneOffset.UTC), clock.instant()).abs().compareTo(WINDOW) > 0) {
            return Refusal.OUTSIDE_WINDOW;
        }
        String expected = hmac(mailboxId + ":" + nonce + ":" + nonceCount + ":" + mailbox.password() + ":" + timestamp);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                hash.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
            return Refusal.BAD_HASH;
        }
        // why: only a token that is otherwise valid is remembered, so garbage cannot fill the set
        if (!usedTokens.add(mailboxId + ":" + nonce + ":" + nonceCount + ":" + timestamp)) {
            return Refusal.REPLAYED;
        }
        return null;
    }

    private String hmac(String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(sharedSecret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
