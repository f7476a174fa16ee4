package org.seamless.privacy.ledger;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The ledger's chain function: HMAC-SHA-256(audit key, previous hash || canonical entry). */
public final class ChainHasher {
    /** The "previous hash" of the first entry. */
    public static final String GENESIS = "0".repeat(64);

    private final SecretKeySpec key;

    public ChainHasher(byte[] auditKey) {
        if (auditKey.length < 32) {
            throw new IllegalArgumentException("audit key must be at least 256 bits");
        }
        this.key = new SecretKeySpec(auditKey.clone(), "HmacSHA256");
    }

    public String hash(String previous, LedgerEntry entry) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(previous.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(mac.doFinal(entry.canonical()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Constant-time comparison of two hex hashes. */
    public static boolean same(String a, String b) {
        return a != null && b != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII),
                b.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return "ChainHasher[key redacted]";
    }
}
