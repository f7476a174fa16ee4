package org.seamless.hub.d2aclock;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.privacy.keys.Pseudonyms;

/**
 * The stay reference: SHA-256 (hex) over the person's pseudonym in domain {@value #DOMAIN} (keyed by
 * the hub's pseudonym key store), the trust agency and the spell id. Without the key the reference
 * cannot be linked to a person or a spell; the same stay always gets the same reference while the
 * domain's key is unchanged.
 */
public final class StayRefs {
    /** The pseudonym domain of the delay measure and clocks. */
    public static final String DOMAIN = "d2a-measure";
    private final Pseudonyms pseudonyms;

    public StayRefs(Pseudonyms pseudonyms) {
        this.pseudonyms = pseudonyms;
    }

    public String of(NhsNumber person, String trustAgency, String spellId) {
        return digest(pseudonyms.pseudonymFor(DOMAIN, person) + "|" + trustAgency + "|" + spellId);
    }

    /**
     * The person reference of the home-care package records (ADR 0063): SHA-256 (hex) over the person's
     * pseudonym in the same domain, so it links to nobody without the key.
     */
    public String person(NhsNumber person) {
        return digest(pseudonyms.pseudonymFor(DOMAIN, person) + "|person");
    }

    static String digest(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
