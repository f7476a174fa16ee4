package org.seamless.privacy.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seamless.mappings.canonical.NhsNumber;

class PseudonymsTest {
    private static final NhsNumber NHS = NhsNumber.parse("9434765919");
    private static final NhsNumber OTHER = NhsNumber.parse("9990000018");

    @TempDir
    Path dir;
    private DomainKeyStore keys;
    private Pseudonyms pseudonyms;

    @BeforeEach
    void setUp() {
        keys = DomainKeyStore.create(dir.resolve("keys.p12"), "pw-for-tests".toCharArray());
        pseudonyms = new Pseudonyms(keys);
    }

    @AfterEach
    void tearDown() {
        keys.close();
    }

    @Test
    void isAKeyedDeterministicPseudonymThatCannotBeReadAsAnNhsNumber() {
        String p = pseudonyms.pseudonymFor("la-leeds", NHS);

        assertThat(p).matches("PSN-k\\d{8}t\\d{9}-[0-9A-Z]{26}").doesNotContainPattern("\\d{10}");
        assertThat(p.substring(p.lastIndexOf('-') + 1)).doesNotContainPattern("\\d{5}");
        assertThat(NhsNumber.isValid(p)).isFalse();
        assertThat(pseudonyms.pseudonymFor("la-leeds", NHS)).isEqualTo(p);
        assertThat(pseudonyms.pseudonymFor("la-leeds", OTHER)).isNotEqualTo(p);
        assertThat(pseudonyms.pseudonymFor("vcs-homecare", NHS)).isNotEqualTo(p);
    }

    @Test
    void recognisesPseudonymsUnderOldAndCurrentKeysOfItsOwnDomainOnly() {
        String before = pseudonyms.pseudonymFor("la-leeds", NHS);
        keys.rotate("la-leeds");
        String after = pseudonyms.pseudonymFor("la-leeds", NHS);

        assertThat(after).isNotEqualTo(before);
        assertThat(pseudonyms.recognise("la-leeds", before)).hasValueSatisfying(r -> assertThat(r.current()).isFalse());
        assertThat(pseudonyms.recognise("la-leeds", after)).hasValueSatisfying(r -> assertThat(r.current()).isTrue());
        assertThat(pseudonyms.isPseudonymOf("la-leeds", before, NHS)).isTrue();
        assertThat(pseudonyms.isPseudonymOf("la-leeds", after, NHS)).isTrue();
        assertThat(pseudonyms.isPseudonymOf("la-leeds", after, OTHER)).isFalse();
        assertThat(pseudonyms.recognise("vcs-homecare", after)).isEmpty();
        assertThat(pseudonyms.isPseudonymOf("vcs-homecare", after, NHS)).isFalse();
        assertThat(pseudonyms.recognise("la-leeds", "PSN-nonsense")).isEmpty();
        assertThat(pseudonyms.recognise("la-leeds", null)).isEmpty();
        String tampered = after.substring(0, after.length() - 1) + (after.endsWith("A") ? "B" : "A");
        assertThat(pseudonyms.isPseudonymOf("la-leeds", tampered, NHS)).isFalse();
    }

    @Test
    void printsNoSecrets() {
        assertThat(pseudonyms.toString()).isEqualTo("Pseudonyms[keys redacted]");
    }
}
