package org.seamless.ops.tracking;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for quarantined payloads. The key is derived from the configured secret
 * ({@code seamless.keys.quarantine-key}); each payload has a fresh 96-bit nonce, and the row id is
 * authenticated with it, so a ciphertext moved to another row does not decrypt.
 */
public final class QuarantineCipher {
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final String keyId;
    private final SecureRandom random = new SecureRandom();

    public QuarantineCipher(String secret) {
        if (secret == null || secret.length() < 32) {
            throw new IllegalStateException("seamless.keys.quarantine-key is not set or shorter than 32 characters "
                    + "(SEAMLESS_KEYS_QUARANTINE_KEY); quarantined input is personal data and is kept encrypted");
        }
        byte[] material = sha256(("seamless-quarantine-v1:" + secret).getBytes(StandardCharsets.UTF_8));
        this.key = new SecretKeySpec(material, "AES");
        this.keyId = HexFormat.of().formatHex(sha256(material)).substring(0, 16);
    }

    /** Which key encrypts: a digest prefix, safe to store. */
    public String keyId() {
        return keyId;
    }

    public byte[] encrypt(String rowId, byte[] plain) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(rowId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = c.doFinal(plain);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a quarantined payload", e);
        }
    }

    public byte[] decrypt(String rowId, String storedKeyId, byte[] stored) {
        if (!keyId.equals(storedKeyId)) {
            throw new IllegalStateException("quarantined payload " + rowId + " is encrypted under key " + storedKeyId
                    + ", not the configured key " + keyId);
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 0, NONCE_BYTES));
            c.updateAAD(rowId.getBytes(StandardCharsets.UTF_8));
            return c.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("quarantined payload " + rowId + " does not decrypt (altered, or moved)");
        }
    }

    private static byte[] sha256(byte[] in) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(in);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
