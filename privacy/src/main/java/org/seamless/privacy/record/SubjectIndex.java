package org.seamless.privacy.record;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.seamless.privacy.identify.Subject;

/**
 * A keyed search index for subjects in the disclosure records: HMAC-SHA-256 of the NHS number
 * under an audit index key. The records can be searched by person without the number sitting
 * in plain text beside them; a plain hash would be reversible by enumeration.
 */
public final class SubjectIndex {
    private final SecretKeySpec key;

    public SubjectIndex(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("subject index key must be at least 256 bits");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    /** The index value for a subject; the withheld reason code prefixed with {@code withheld:} otherwise. */
    public String indexOf(Subject subject) {
        return subject.nhsNumber()
                .map(n -> hmac(n.value()))
                .orElseGet(() -> "withheld:" + subject.withheldReason().orElseThrow().code());
    }

    private String hmac(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "SubjectIndex[key redacted]";
    }
}
