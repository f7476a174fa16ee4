package org.seamless.mappings.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The shape signature's UUID folding gives exactly what the regex it replaced gave. */
class ShapeSignatureFoldTest {
    private static final Pattern REGEX = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    @Test
    void knownCases() {
        String u = "3f2a9c1e-8b7d-4e6f-a5c4-1d2e3f4a5b6c";
        assertThat(ShapeSignature.fold("urn:uuid:" + u)).isEqualTo("urn:uuid:{uuid}");
        assertThat(ShapeSignature.fold(u + u)).isEqualTo("{uuid}{uuid}");
        assertThat(ShapeSignature.fold("https://fhir.nhs.uk/Id/nhs-number")).isEqualTo("https://fhir.nhs.uk/Id/nhs-number");
        assertThat(ShapeSignature.fold(u.toUpperCase())).isEqualTo(u.toUpperCase()); // the regex is lower case only
        assertThat(ShapeSignature.fold("")).isEmpty();
        assertThat(ShapeSignature.fold("a" + u.substring(1, 35))).isEqualTo("a" + u.substring(1, 35));
    }

    @Test
    void tenThousandGeneratedTextsFoldAsTheRegexDoes() {
        Random random = new Random(17);
        String alphabet = "0123456789abcdefABCDEF-:/.gz";
        for (int i = 0; i < 10_000; i++) {
            StringBuilder text = new StringBuilder();
            int parts = random.nextInt(5);
            for (int p = 0; p < parts; p++) {
                switch (random.nextInt(4)) {
                    case 0 -> text.append(new UUID(random.nextLong(), random.nextLong()));
                    case 1 -> {
                        // a near miss: one character of a UUID changed, dropped or doubled
                        StringBuilder near = new StringBuilder(new UUID(random.nextLong(), random.nextLong()).toString());
                        int at = random.nextInt(near.length());
                        switch (random.nextInt(3)) {
                            case 0 -> near.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                            case 1 -> near.deleteCharAt(at);
                            default -> near.insert(at, near.charAt(at));
                        }
                        text.append(near);
                    }
                    default -> {
                        int len = random.nextInt(50);
                        for (int c = 0; c < len; c++) {
                            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
                        }
                    }
                }
            }
            String s = text.toString();
            assertThat(ShapeSignature.fold(s)).as(s).isEqualTo(REGEX.matcher(s).replaceAll("{uuid}"));
        }
    }
}
