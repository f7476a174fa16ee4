package org.seamless.adapters.mesh;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code Authorization} header MESH requires on every request (MESH API v2.0.0, "Authentication"):
 * {@code NHSMESH <mailbox>:<nonce>:<nonce_count>:<timestamp>:<hash>}, hash the hex HMAC-SHA256, keyed with
 * the environment's shared secret, of {@code mailbox:nonce:nonce_count:password:timestamp}; timestamp
 * {@code yyyyMMddHHmm} UTC. A fresh nonce per request (count 0), as MESH accepts each token once.
 */
final class MeshAuthorization {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmm").withZone(ZoneOffset.UTC);

    private final String mailbox;
    private final String password;
    private final SecretKeySpec key;
    private final Clock clock;

    MeshAuthorization(String mailbox, String password, String sharedSecret, Clock clock) {
        this.mailbox = mailbox;
        this.password = password;
        this.key = new SecretKeySpec(sharedSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.clock = clock;
    }

    String header() {
        String nonce = UUID.randomUUID().toString();
        String count = "0";
        String timestamp = TIMESTAMP.format(clock.instant());
        return "NHSMESH " + mailbox + ":" + nonce + ":" + count + ":" + timestamp + ":"
                + hmac(mailbox + ":" + nonce + ":" + count + ":" + password + ":" + timestamp);
    }

    private String hmac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "MeshAuthorization[" + mailbox + "]";
    }
}
