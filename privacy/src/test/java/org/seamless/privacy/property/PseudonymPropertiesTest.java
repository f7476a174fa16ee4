package org.seamless.privacy.property;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.privacy.keys.DomainKeyStore;
import org.seamless.privacy.keys.Pseudonyms;
import org.seamless.privacy.keys.ReversibleTokens;
import org.seamless.privacy.keys.TokenException;

/** Properties of pseudonyms and tokens over generated NHS numbers in the 999 test range. */
class PseudonymPropertiesTest {
    private static final char[] PASSWORD = "property-test-password".toCharArray();
    private static final List<String> DOMAINS = List.of("la-leeds", "la-bradford", "vcs-homecare", "vcs-carers", "rxx");

    private static Path dir;
    private static DomainKeyStore keys;
    private static DomainKeyStore restarted;
    private static Pseudonyms pseudonyms;
    private static Pseudonyms afterRestart;
    private static ReversibleTokens tokens;

    @BeforeContainer
    static void keyStores() throws IOException {
        dir = Files.createTempDirectory("seamless-keys");
        Path file = dir.resolve("keys.p12");
        keys = DomainKeyStore.create(file, PASSWORD);
        DOMAINS.forEach(keys::currentKeyId); // keys made at first use, written to disk
        pseudonyms = new Pseudonyms(keys);
        tokens = new ReversibleTokens(keys);
        restarted = DomainKeyStore.open(file, PASSWORD); // a second process start, reading the same file
        afterRestart = new Pseudonyms(restarted);
    }

    @AfterContainer
    static void cleanUp() throws IOException {
        keys.close();
        restarted.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Provide
    Arbitrary<NhsNumber> nhs() {
        return NhsNumbers.testRange();
    }

    @Provide
    Arbitrary<String> domain() {
        return Arbitraries.of(DOMAINS);
    }

    @Property
    void differentDomainsGetDifferentPseudonyms(@ForAll("nhs") NhsNumber nhs, @ForAll("domain") String a,
                                               @ForAll("domain") String b) {
        if (!a.equals(b)) {
            assertThat(pseudonyms.pseudonymFor(a, nhs)).isNotEqualTo(pseudonyms.pseudonymFor(b, nhs));
            assertThat(pseudonyms.isPseudonymOf(b, pseudonyms.pseudonymFor(a, nhs), nhs)).isFalse();
        }
    }

    @Property
    void aDomainGetsTheSamePseudonymAfterARestart(@ForAll("nhs") NhsNumber nhs, @ForAll("domain") String domain) {
        assertThat(afterRestart.pseudonymFor(domain, nhs)).isEqualTo(pseudonyms.pseudonymFor(domain, nhs));
    }

    @Property
    void differentNumbersGetDifferentPseudonyms(@ForAll("nhs") NhsNumber a, @ForAll("nhs") NhsNumber b,
                                                @ForAll("domain") String domain) {
        if (!a.equals(b)) {
            assertThat(pseudonyms.pseudonymFor(domain, a)).isNotEqualTo(pseudonyms.pseudonymFor(domain, b));
        }
    }

    @Property(tries = 100)
    void rotationGivesANewPseudonymAndTheOldOneIsStillRecognised(@ForAll("nhs") NhsNumber nhs) {
        String domain = "rotating";
        String before = pseudonyms.pseudonymFor(domain, nhs);
        keys.rotate(domain);
        String after = pseudonyms.pseudonymFor(domain, nhs);

        assertThat(after).isNotEqualTo(before);
        assertThat(pseudonyms.recognise(domain, before)).hasValueSatisfying(r -> assertThat(r.current()).isFalse());
        assertThat(pseudonyms.recognise(domain, after)).hasValueSatisfying(r -> assertThat(r.current()).isTrue());
        assertThat(pseudonyms.isPseudonymOf(domain, before, nhs)).isTrue();
        assertThat(pseudonyms.isPseudonymOf(domain, after, nhs)).isTrue();
    }

    @Property
    void pseudonymsAndTokensCanNeverBeReadAsAnNhsNumber(@ForAll("nhs") NhsNumber nhs, @ForAll("domain") String domain) {
        for (String text : List.of(pseudonyms.pseudonymFor(domain, nhs), tokens.tokenFor(domain, nhs))) {
            assertThat(NhsNumber.isValid(text)).isFalse();
            assertThat(text).containsPattern("[A-Z]").doesNotContainPattern("\\d{10}");
            assertThat(text.replaceAll("[\\s-]", "")).doesNotContainPattern("\\d{10}");
            assertThat(text).doesNotContain(nhs.value()).doesNotContain(nhs.formatted());
        }
    }

    @Property
    void tokensRevealInTheirOwnDomainOnly(@ForAll("nhs") NhsNumber nhs, @ForAll("domain") String a,
                                          @ForAll("domain") String b) {
        String token = tokens.tokenFor(a, nhs);

        assertThat(tokens.reveal(a, token)).isEqualTo(nhs);
        if (!a.equals(b)) {
            assertThatThrownBy(() -> tokens.reveal(b, token)).isInstanceOf(TokenException.class)
                    .hasMessageNotContaining(nhs.value());
        }
    }
}
