package org.seamless.privacy.keys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import org.seamless.mappings.canonical.NhsNumber;

/**
 * Keyed, one-way pseudonyms of NHS numbers per recipient domain:
 * {@code PSN-<keyId>-<26 symbols>}, the symbols being Crockford base32 of the first 128 bits of
 * HMAC-SHA-256(domain key, the ten digits). Different domains get unlinkable pseudonyms; the same
 * domain gets the same pseudonym until its key is rotated. A plain hash would be reversible by
 * trying all ~10^9 NHS numbers; without the key, trying them is useless.
 */
public final class Pseudonyms {
    /** The FHIR identifier system of a pseudonym. */
    public static final String SYSTEM = "https://seamless.dev/fhir/Id/pseudonym";

    private static final int BODY_CHARS = 26;
    private static final Pattern FORMAT = Pattern.compile("PSN-(" + KeyIds.KEY_ID.pattern() + ")-([0-9A-Z]{26})");

    private final DomainKeyStore keys;

    public Pseudonyms(DomainKeyStore keys) {
        this.keys = keys;
    }

    /** The pseudonym of the number in the domain, under the domain's current key. */
    public String pseudonymFor(String domain, NhsNumber nhsNumber) {
        return pseudonymUnder(domain, keys.currentKeyId(domain, KeyPurpose.PSEUDONYM), nhsNumber);
    }

    /**
     * Whether the text is a well-formed pseudonym made under one of the domain's keys, current or
     * old. Which person it stands for cannot be read from it; see {@link #isPseudonymOf}.
     */
    public Optional<RecognisedPseudonym> recognise(String domain, String pseudonym) {
        Matcher m = pseudonym == null ? null : FORMAT.matcher(pseudonym);
        if (m == null || !m.matches() || !keys.hasKey(domain, m.group(1))) {
            return Optional.empty();
        }
        String keyId = m.group(1);
        return Optional.of(new RecognisedPseudonym(keyId,
                keyId.equals(keys.currentKeyId(domain, KeyPurpose.PSEUDONYM))));
    }

    /** Whether the pseudonym was made from this number in this domain, under any of its keys. */
    public boolean isPseudonymOf(String domain, String pseudonym, NhsNumber nhsNumber) {
        return recognise(domain, pseudonym)
                .map(r -> MessageDigest.isEqual(
                        pseudonymUnder(domain, r.keyId(), nhsNumber).getBytes(StandardCharsets.US_ASCII),
                        pseudonym.getBytes(StandardCharsets.US_ASCII)))
                .orElse(false);
    }

    private String pseudonymUnder(String domain, String keyId, NhsNumber nhsNumber) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(keys.key(domain, keyId));
            byte[] tag = mac.doFinal(nhsNumber.value().getBytes(StandardCharsets.US_ASCII));
            String body = Encodings.crockfordFolded(Arrays.copyOf(tag, 16), BODY_CHARS);
            return "PSN-" + keyId + "-" + body;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "Pseudonyms[keys redacted]";
    }
}
