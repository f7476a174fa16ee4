package org.seamless.adapters.vcswebhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature scheme Seamless used before the Standard Webhooks one ({@link WebhookSignature}, ADR 0049),
 * sent beside it for one release only when the agency's registry entry sets
 * {@code webhook-legacy-signature: true}. Signs and verifies {@code Seamless-Signature: v1=<hex HMAC-SHA-256>} over
 * {@code "<timestamp>.<event-id>.<body bytes>"} with the organisation's webhook secret. Verification
 * compares in constant time and refuses a timestamp outside the replay window (either direction).
 * Several {@code v1=} values separated by commas are accepted, so a secret can be rotated.
 */
public final class LegacyWebhookSignature {
    public static final String EVENT_ID_HEADER = "Seamless-Event-Id";
    public static final String TIMESTAMP_HEADER = "Seamless-Timestamp";
    public static final String SIGNATURE_HEADER = "Seamless-Signature";
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);
    /** No '.': the signed string is dot-separated, so a dot in the id would let bytes move between id and body. */
    private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9:%_-]{1,160}");
    private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{1,12}");
    private static final String SCHEME = "v1=";

    private final SecretKeySpec key;
    private final Duration window;

    public LegacyWebhookSignature(String secret, Duration window) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("webhook secret must be at least 16 characters");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.window = window;
    }

    public LegacyWebhookSignature(String secret) {
        this(secret, DEFAULT_WINDOW);
    }

    /** The stable event id of a message and replay generation; a '.' in a message id is escaped as {@code %2E}. */
    public static String eventId(String messageId, int replayGeneration) {
        return messageId.replace("%", "%25").replace(".", "%2E") + ":" + replayGeneration;
    }

    /** The {@code Seamless-Signature} header value. */
    public String sign(long epochSeconds, String eventId, byte[] body) {
        if (!EVENT_ID.matcher(eventId).matches()) {
            throw new IllegalArgumentException("event id has characters outside [A-Za-z0-9:%_-]");
        }
        return SCHEME + HexFormat.of().formatHex(mac(Long.toString(epochSeconds), eventId, body));
    }

    /** The outcome of checking a received webhook. */
    public enum Verdict {
        VALID, MALFORMED, BAD_SIGNATURE, OUTSIDE_WINDOW;

        public boolean valid() {
            return this == VALID;
        }
    }

    /** Checks the three headers against the raw body as received, at {@code now}. */
    public Verdict verify(String eventId, String timestamp, String signatureHeader, byte[] body, Instant now) {
        if (eventId == null || timestamp == null || signatureHeader == null || body == null
                || !EVENT_ID.matcher(eventId).matches() || !TIMESTAMP.matcher(timestamp).matches()) {
            return Verdict.MALFORMED;
        }
        byte[] expected = mac(timestamp, eventId, body);
        boolean match = false;
        for (String part : signatureHeader.split(",")) {
            String p = part.strip();
            if (p.startsWith(SCHEME) && p.length() == SCHEME.length() + 64) {
                byte[] given;
                try {
                    given = HexFormat.of().parseHex(p.substring(SCHEME.length()));
                } catch (IllegalArgumentException e) {
                    continue;
                }
                // why: constant-time, so response timing reveals nothing about the expected signature
                match |= MessageDigest.isEqual(expected, given);
            }
        }
        if (!match) {
            return Verdict.BAD_SIGNATURE;
        }
        long age = now.getEpochSecond() - Long.parseLong(timestamp);
        return Math.abs(age) > window.toSeconds() ? Verdict.OUTSIDE_WINDOW : Verdict.VALID;
    }

    private byte[] mac(String timestamp, String eventId, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update((timestamp + "." + eventId + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "LegacyWebhookSignature[window=" + window + "]";
    }
}
