package org.seamless.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.seamless.adapters.spi.AgencyAuthenticator;

/** Checks a presented API key against a configured SHA-256 digest, in constant time. Blank digest: nobody. */
public final class ApiKeyCheck {
    private ApiKeyCheck() {
    }

    public static boolean matches(String presented, String expectedSha256Hex) {
        if (presented == null || presented.isBlank() || expectedSha256Hex == null || expectedSha256Hex.isBlank()) {
            return false;
        }
        return MessageDigest.isEqual(AgencyAuthenticator.sha256Hex(presented).getBytes(StandardCharsets.US_ASCII),
                expectedSha256Hex.strip().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }
}
