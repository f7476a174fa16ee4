package org.seamless.privacy.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seamless.mappings.canonical.NhsNumber;

class ReversibleTokensTest {
    private static final NhsNumber NHS = NhsNumber.parse("9434765919");

    @TempDir
    Path dir;
    private DomainKeyStore keys;
    private ReversibleTokens tokens;

    @BeforeEach
    void setUp() {
        keys = DomainKeyStore.create(dir.resolve("keys.p12"), "pw-for-tests".toCharArray());
        tokens = new ReversibleTokens(keys);
    }

    @AfterEach
    void tearDown() {
        keys.close();
    }

    @Test
    void revealsInItsOwnDomainOnly() {
        String token = tokens.tokenFor("vcs-homecare", NHS);

        assertThat(token).matches("TOK-t\\d{8}t\\d{9}-[A-Z]{52}").doesNotContainPattern("\\d{10}");
        assertThat(NhsNumber.isValid(token)).isFalse();
        assertThat(tokens.tokenFor("vcs-homecare", NHS)).isEqualTo(token);
        assertThat(tokens.reveal("vcs-homecare", token)).isEqualTo(NHS);
        assertThatThrownBy(() -> tokens.reveal("la-leeds", token))
                .isInstanceOfSatisfying(TokenException.class,
                        e -> assertThat(e.reason()).isEqualTo(TokenException.Reason.UNKNOWN_KEY))
                .hasMessageNotContaining(NHS.value());
    }

    @Test
    void refusesATokenMadeForAnotherDomainEvenUnderAKeyIdTheDomainHas() throws Exception {
        String token = tokens.tokenFor("vcs-homecare", NHS);
        String keyId = token.substring(4, token.lastIndexOf('-'));
        // give la-leeds a key under the same id: the domain bound as associated data still refuses it
        javax.crypto.SecretKey copy = keys.key("vcs-homecare", keyId);
        java.lang.reflect.Field f = DomainKeyStore.class.getDeclaredField("cache");
        f.setAccessible(true);
        @SuppressWarnings("unchecked")
        java.util.Map<String, javax.crypto.SecretKey> cache = (java.util.Map<String, javax.crypto.SecretKey>) f.get(keys);
        cache.put("la-leeds." + keyId, copy);
        java.lang.reflect.Field s = DomainKeyStore.class.getDeclaredField("store");
        s.setAccessible(true);
        ((java.security.KeyStore) s.get(keys)).setEntry("la-leeds." + keyId, new java.security.KeyStore.SecretKeyEntry(copy),
                new java.security.KeyStore.PasswordProtection("pw-for-tests".toCharArray()));

        assertThatThrownBy(() -> tokens.reveal("la-leeds", token))
                .isInstanceOfSatisfying(TokenException.class,
                        e -> assertThat(e.reason()).isEqualTo(TokenException.Reason.NOT_AUTHENTIC));
    }

    @Test
    void oldTokensStillRevealAfterRotation() {
        String before = tokens.tokenFor("vcs-homecare", NHS);
        tokens.rotate("vcs-homecare");
        String after = tokens.tokenFor("vcs-homecare", NHS);

        assertThat(after).isNotEqualTo(before);
        assertThat(tokens.reveal("vcs-homecare", before)).isEqualTo(NHS);
        assertThat(tokens.reveal("vcs-homecare", after)).isEqualTo(NHS);
    }

    @Test
    void refusesMalformedAndAlteredTokens() {
        String token = tokens.tokenFor("vcs-homecare", NHS);
        char last = token.charAt(token.length() - 1);
        String altered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');

        assertThatThrownBy(() -> tokens.reveal("vcs-homecare", altered))
                .isInstanceOfSatisfying(TokenException.class,
                        e -> assertThat(e.reason()).isEqualTo(TokenException.Reason.NOT_AUTHENTIC));
        for (String bad : new String[] {null, "", "TOK-x-ABC", token.substring(0, token.length() - 1), NHS.value()}) {
            assertThatThrownBy(() -> tokens.reveal("vcs-homecare", bad))
                    .isInstanceOfSatisfying(TokenException.class,
                            e -> assertThat(e.reason()).isEqualTo(TokenException.Reason.MALFORMED));
        }
        String pseudonymKeyToken = "TOK-" + keys.currentKeyId("vcs-homecare") + token.substring(token.lastIndexOf('-'));
        assertThatThrownBy(() -> tokens.reveal("vcs-homecare", pseudonymKeyToken))
                .isInstanceOfSatisfying(TokenException.class,
                        e -> assertThat(e.reason()).isEqualTo(TokenException.Reason.UNKNOWN_KEY));
    }
}
