package org.seamless.privacy.keys;

/** What a domain key is for; the purpose is the first letter of its key id. */
public enum KeyPurpose {
    /** HMAC-SHA-256 key for one-way pseudonyms. */
    PSEUDONYM('k', "HmacSHA256", 32),
    /** AES-SIV (512-bit) key for reversible, deterministic tokens. */
    TOKEN('t', "AES", 64);

    private final char prefix;
    private final String algorithm;
    private final int keyBytes;

    KeyPurpose(char prefix, String algorithm, int keyBytes) {
        this.prefix = prefix;
        this.algorithm = algorithm;
        this.keyBytes = keyBytes;
    }

    char prefix() {
        return prefix;
    }

    String algorithm() {
        return algorithm;
    }

    int keyBytes() {
        return keyBytes;
    }
}
