package org.seamless.adapters.vcswebhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies webhooks to the Standard Webhooks specification (https://www.standardwebhooks.com/,
 * ADR 0049), so a charity can verify with the published Standard Webhooks libraries: headers
 * {@code webhook-id}, {@code webhook-timestamp} (epoch seconds) and
 * {@code webhook-signature: v1,<base64 HMAC-SHA-256 of "<id>.<timestamp>.<body>">}.
 * <p>The key is the secret's bytes: for {@code whsec_<base64>} the decoded bytes, otherwise (a registry
 * secret made before this scheme) the UTF-8 bytes of the text, whose {@code whsec_} form
 * {@link #standardSecret} gives the charity. With more than one secret (a rotation) every secret signs
 * and the header carries one {@code v1,} signature per secret, space-separated; verification accepts any,
 * compares in constant time and refuses a timestamp more than the tolerance away (either direction).
 */
public final class WebhookSignature {
    public static final String EVENT_ID_HEADER = "webhook-id";
    public static final String TIMESTAMP_HEADER = "webhook-timestamp";
    public static final String SIGNATURE_HEADER = "webhook-signature";
    public static final String SECRET_PREFIX = "whsec_";
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);
    /** No '.': the signed string is dot-separated, so a dot in the id would let bytes move between its parts. */
    private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9:%_-]{1,160}");
    private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{1,12}");
    private static final String VERSION = "v1,";
    private static final int MIN_KEY_BYTES = 16;

    private final List<SecretKeySpec> keys;
    private final Duration window;

    /** Signs with every secret given (the current one first); verifies against any of them. */
    public WebhookSignature(List<String> secrets, Duration window) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("a webhook secret is required");
        }
        List<SecretKeySpec> k = new ArrayList<>();
        for (String s : secrets) {
            k.add(new SecretKeySpec(key(s), "HmacSHA256"));
        }
        this.keys = List.copyOf(k);
        this.window = window;
    }

    public WebhookSignature(String secret, Duration window) {
        this(List.of(secret == null ? "" : secret), window);
    }

    public WebhookSignature(String secret) {
        this(secret, DEFAULT_WINDOW);
    }

    /** The key bytes of a registry secret: {@code whsec_<base64>} decoded, any other text as UTF-8. */
    static byte[] key(String secret) {
        byte[] key;
        if (secret != null && secret.startsWith(SECRET_PREFIX)) {
            try {
                key = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("webhook secret after whsec_ must be base64");
            }
        } else {
            key = secret == null ? new byte[0] : secret.getBytes(StandardCharsets.UTF_8);
        }
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("webhook secret must be at least 16 characters (16 bytes after whsec_)");
        }
        return key;
    }

    /** The secret in the form the Standard Webhooks libraries take ({@code whsec_<base64 of the key>}). */
    public static String standardSecret(String registrySecret) {
        return registrySecret.startsWith(SECRET_PREFIX) ? registrySecret
                : SECRET_PREFIX + Base64.getEncoder().encodeToString(key(registrySecret));
    }

    /** The stable event id of a message and replay generation; a '.' in a message id is escaped as {@code %2E}. */
    public static String eventId(String messageId, int replayGeneration) {
        return messageId.replace("%", "%25").replace(".", "%2E") + ":" + replayGeneration;
    }

    /** The {@code webhook-signature} header value: one {@code v1,<base64>} per secret, space-separated. */
    public String sign(long epochSeconds, String eventId, byte[] body) {
        if (!EVENT_ID.matcher(eventId).matches()) {
            throw new IllegalArgumentException("event id has characters outside [A-Za-z0-9:%_-]");
        }
        StringBuilder header = new StringBuilder();
        for (SecretKeySpec k : keys) {
            header.append(header.isEmpty() ? "" : " ").append(VERSION)
                    .append(Base64.getEncoder().encodeToString(mac(k, eventId, Long.toString(epochSeconds), body)));
        }
        return header.toString();
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
        boolean match = false;
        for (SecretKeySpec k : keys) {
            byte[] expected = mac(k, eventId, timestamp, body);
            for (String part : signatureHeader.strip().split(" +")) {
                if (!part.startsWith(VERSION)) {
                    continue;
                }
                byte[] given;
                try {
                    given = Base64.getDecoder().decode(part.substring(VERSION.length()));
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

    private static byte[] mac(SecretKeySpec key, String eventId, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update((eventId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "WebhookSignature[secrets=" + keys.size() + ", window=" + window + "]";
    }
}
