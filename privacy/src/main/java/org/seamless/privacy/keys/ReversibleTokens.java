package org.seamless.privacy.keys;

import com.google.crypto.tink.DeterministicAead;
import com.google.crypto.tink.daead.DeterministicAeadConfig;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.seamless.mappings.canonical.NhsNumber;

/**
 * Reversible tokens for NHS numbers per domain: {@code TOK-<keyId>-<letters>}, the letters
 * encoding Tink AES-SIV (deterministic AEAD) of the ten digits with the domain name as
 * associated data, so a token made for one domain never reveals in another. Only the hub, which
 * holds the key store, can reveal a token. The AES-SIV keys live in the same PKCS#12 store as the
 * pseudonym keys (purpose letter {@code t}) and rotate the same way: a new key becomes current,
 * old keys still reveal the tokens made under them.
 */
public final class ReversibleTokens {
    private static final Pattern FORMAT = Pattern.compile("TOK-(" + KeyIds.KEY_ID.pattern() + ")-([A-Z]+)");
    private static final String AD_PREFIX = "seamless-token-v1|";

    private final DomainKeyStore keys;
    private final Map<String, DeterministicAead> primitives = new ConcurrentHashMap<>();

    public ReversibleTokens(DomainKeyStore keys) {
        this.keys = keys;
        try {
            DeterministicAeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Tink deterministic AEAD unavailable", e);
        }
    }

    /** The token for the number in the domain, under the domain's current token key. */
    public String tokenFor(String domain, NhsNumber nhsNumber) {
        String keyId = keys.currentKeyId(domain, KeyPurpose.TOKEN);
        try {
            byte[] ct = primitive(domain, keyId).encryptDeterministically(
                    nhsNumber.value().getBytes(StandardCharsets.US_ASCII), associatedData(domain));
            return "TOK-" + keyId + "-" + Encodings.letters(ct);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-SIV encryption failed", e);
        }
    }

    /** The number a token stands for. */
    public NhsNumber reveal(String domain, String token) {
        Matcher m = token == null ? null : FORMAT.matcher(token);
        if (m == null || !m.matches()) {
            throw new TokenException(TokenException.Reason.MALFORMED);
        }
        String keyId = m.group(1);
        if (keyId.charAt(0) != 't' || !keys.hasKey(domain, keyId)) {
            throw new TokenException(TokenException.Reason.UNKNOWN_KEY);
        }
        try {
            byte[] ct = Encodings.fromLetters(m.group(2));
            byte[] plain = primitive(domain, keyId).decryptDeterministically(ct, associatedData(domain));
            return NhsNumber.parse(new String(plain, StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new TokenException(TokenException.Reason.MALFORMED);
        } catch (GeneralSecurityException e) {
            throw new TokenException(TokenException.Reason.NOT_AUTHENTIC);
        }
    }

    /** Adds a new token key to the domain and makes it current; returns its id. */
    public String rotate(String domain) {
        return keys.rotate(domain, KeyPurpose.TOKEN);
    }

    private DeterministicAead primitive(String domain, String keyId) {
        return primitives.computeIfAbsent(KeyIds.alias(KeyIds.domain(domain), keyId),
                alias -> AesSiv.of(keys.key(domain, keyId), "a token key"));
    }

    private static byte[] associatedData(String domain) {
        return (AD_PREFIX + KeyIds.domain(domain)).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "ReversibleTokens[keys redacted]";
    }
}
