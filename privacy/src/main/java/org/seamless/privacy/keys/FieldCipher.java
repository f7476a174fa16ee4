package org.seamless.privacy.keys;

import com.google.crypto.tink.DeterministicAead;
import com.google.crypto.tink.daead.DeterministicAeadConfig;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;

/**
 * Encryption of values in Seamless's own tables (ADR 0071). Two keys of one key-store domain
 * ({@value #DOMAIN}):
 * <ul>
 * <li>values: Tink AES-SIV (deterministic, authenticated) under the domain's current {@link KeyPurpose#TOKEN}
 * key, the column's name as associated data (a value copied into another column does not decrypt). Text is
 * stored as {@code enc1:<keyId>:<letters>} (letters A-R only: no digit run can look like an NHS number), bytes
 * as the same prefix in ASCII followed by the ciphertext;</li>
 * <li>lookup: a keyed blind index, {@code <keyId>.<26 Crockford symbols>} of HMAC-SHA-256 under the domain's
 * {@link KeyPurpose#PSEUDONYM} key, the column's name mixed in. {@link #indexes} gives a value's index under
 * every index key, so lookups find rows made before a rotation until the re-encryption job rewrites them.</li>
 * </ul>
 * Each value names its key, so old keys still decrypt after a rotation. The AES-SIV primitives are built
 * once per key and shared (they are thread-safe); the HMAC objects are kept per thread and key. Nothing here
 * touches the database: encrypting adds no round trip.
 */
public final class FieldCipher {
    /** The key-store domain of the at-rest keys. */
    public static final String DOMAIN = "at-rest";
    private static final String TEXT_PREFIX = "enc1:";
    private static final byte[] BYTES_PREFIX = TEXT_PREFIX.getBytes(StandardCharsets.US_ASCII);
    private static final int KEY_ID_CHARS = 19;
    private static final int HEADER = TEXT_PREFIX.length() + KEY_ID_CHARS + 1;
    private static final String AD_PREFIX = "seamless-at-rest-v1|";

    private final DomainKeyStore keys;
    private final Map<String, DeterministicAead> primitives = new ConcurrentHashMap<>();
    private final ThreadLocal<Map<String, Mac>> macs = ThreadLocal.withInitial(HashMap::new);

    public FieldCipher(DomainKeyStore keys) {
        this.keys = keys;
        try {
            DeterministicAeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Tink deterministic AEAD unavailable", e);
        }
    }

    /** The current value key id (made at first use). */
    public String currentKeyId() {
        return keys.currentKeyId(DOMAIN, KeyPurpose.TOKEN);
    }

    /** The current index key id (made at first use). */
    public String currentIndexKeyId() {
        return keys.currentKeyId(DOMAIN, KeyPurpose.PSEUDONYM);
    }

    /** The text encrypted for {@code column}; null stays null. */
    public String seal(String column, String plain) {
        if (plain == null) {
            return null;
        }
        String keyId = currentKeyId();
        return TEXT_PREFIX + keyId + ":" + Encodings.letters(encrypt(keyId, column,
                plain.getBytes(StandardCharsets.UTF_8)));
    }

    /** The bytes encrypted for {@code column}; null stays null. */
    public byte[] seal(String column, byte[] plain) {
        if (plain == null) {
            return null;
        }
        String keyId = currentKeyId();
        byte[] ct = encrypt(keyId, column, plain);
        byte[] out = Arrays.copyOf(header(keyId), HEADER + ct.length);
        System.arraycopy(ct, 0, out, HEADER, ct.length);
        return out;
    }

    /** The text a stored value holds; a value stored before encryption (no prefix) is returned as it is. */
    public String open(String column, String stored) {
        if (stored == null || !isSealed(stored)) {
            return stored;
        }
        String keyId = keyIdOf(stored);
        byte[] ct;
        try {
            ct = Encodings.fromLetters(stored.substring(HEADER));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("an encrypted value in " + column + " is malformed");
        }
        return new String(decrypt(keyId, column, ct), StandardCharsets.UTF_8);
    }

    /** The bytes a stored value holds; bytes stored before encryption (no prefix) are returned as they are. */
    public byte[] open(String column, byte[] stored) {
        if (stored == null || !isSealed(stored)) {
            return stored;
        }
        String keyId = new String(stored, BYTES_PREFIX.length, KEY_ID_CHARS, StandardCharsets.US_ASCII);
        return decrypt(keyId, column, Arrays.copyOfRange(stored, HEADER, stored.length));
    }

    /** Whether the stored text is encrypted. */
    public static boolean isSealed(String stored) {
        return stored.startsWith(TEXT_PREFIX) && stored.length() > HEADER && stored.charAt(HEADER - 1) == ':';
    }

    /** Whether the stored bytes are encrypted. */
    public static boolean isSealed(byte[] stored) {
        return stored.length > HEADER && Arrays.equals(stored, 0, BYTES_PREFIX.length, BYTES_PREFIX, 0,
                BYTES_PREFIX.length) && stored[HEADER - 1] == ':';
    }

    /** Whether the stored text is encrypted under the current key (nothing for the re-encryption job to do). */
    public boolean isCurrent(String stored) {
        return stored == null || isSealed(stored) && keyIdOf(stored).equals(currentKeyId());
    }

    /** Whether the stored bytes are encrypted under the current key. */
    public boolean isCurrent(byte[] stored) {
        return stored == null || isSealed(stored) && Arrays.equals(stored, 0, HEADER, header(currentKeyId()), 0, HEADER);
    }

    /** The blind index of the value for {@code column} under the current index key; null stays null. */
    public String index(String column, String plain) {
        return plain == null ? null : indexUnder(currentIndexKeyId(), column, plain);
    }

    /** The value's blind index under every index key of the domain, current first: what a lookup matches. */
    public List<String> indexes(String column, String plain) {
        List<String> ids = keys.keyIds(DOMAIN, KeyPurpose.PSEUDONYM);
        if (ids.isEmpty()) {
            return List.of(index(column, plain));
        }
        String[] out = new String[ids.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = indexUnder(ids.get(out.length - 1 - i), column, plain);
        }
        return List.of(out);
    }

    /** Whether a stored index was made under the current index key. */
    public boolean isCurrentIndex(String stored) {
        return stored != null && stored.startsWith(currentIndexKeyId() + ".");
    }

    /** Adds a new value key and makes it current; values under older keys still decrypt. */
    public String rotate() {
        return keys.rotate(DOMAIN, KeyPurpose.TOKEN);
    }

    /** Adds a new index key and makes it current; lookups match both until the job re-indexes. */
    public String rotateIndex() {
        return keys.rotate(DOMAIN, KeyPurpose.PSEUDONYM);
    }

    private String indexUnder(String keyId, String column, String plain) {
        Mac mac = macs.get().computeIfAbsent(keyId, id -> {
            try {
                Mac m = Mac.getInstance("HmacSHA256");
                m.init(keys.key(DOMAIN, id));
                return m;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 unavailable", e);
            }
        });
        mac.update((AD_PREFIX + column + "|").getBytes(StandardCharsets.UTF_8));
        byte[] tag = mac.doFinal(plain.getBytes(StandardCharsets.UTF_8));
        return keyId + "." + Encodings.crockfordFolded(Arrays.copyOf(tag, 16), 26);
    }

    private static String keyIdOf(String stored) {
        return stored.substring(TEXT_PREFIX.length(), TEXT_PREFIX.length() + KEY_ID_CHARS);
    }

    private static byte[] header(String keyId) {
        return (TEXT_PREFIX + keyId + ":").getBytes(StandardCharsets.US_ASCII);
    }

    private byte[] encrypt(String keyId, String column, byte[] plain) {
        try {
            return primitive(keyId).encryptDeterministically(plain, associatedData(column));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-SIV encryption failed", e);
        }
    }

    private byte[] decrypt(String keyId, String column, byte[] ct) {
        if (!primitives.containsKey(keyId)
                && (!KeyIds.isKeyId(keyId) || keyId.charAt(0) != 't' || !keys.hasKey(DOMAIN, keyId))) {
            throw new IllegalStateException("an encrypted value in " + column + " names key " + keyId
                    + ", which the key store does not hold");
        }
        try {
            return primitive(keyId).decryptDeterministically(ct, associatedData(column));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("an encrypted value in " + column + " does not decrypt (altered, or moved"
                    + " from another column)");
        }
    }

    private DeterministicAead primitive(String keyId) {
        return primitives.computeIfAbsent(keyId, id -> AesSiv.of(keys.key(DOMAIN, id), "an at-rest key"));
    }

    private static byte[] associatedData(String column) {
        return (AD_PREFIX + column).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "FieldCipher[keys redacted]";
    }
}
