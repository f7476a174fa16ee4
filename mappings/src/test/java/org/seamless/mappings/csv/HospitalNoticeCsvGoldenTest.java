package org.seamless.mappings.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.seamless.mappings.message.MessageBundles;

/**
 * Golden files: {@code golden/hospital-notices/<case>.json} (a notice bundle) maps to
 * {@code <case>.<policy>.csv} (header and one row, replay generation 0, CRLF).
 * Run with {@code -Dgolden.update=true} to rewrite the expected files, then review the diff.
 */
class HospitalNoticeCsvGoldenTest {
    private static final String DIR = "golden/hospital-notices";

    static Stream<Path> expectedFiles() throws IOException, URISyntaxException {
        return Files.list(dir()).filter(p -> p.toString().endsWith(".csv")).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectedFiles")
    void bundleMapsToExpectedCsv(Path expectedFile) throws IOException {
        String name = expectedFile.getFileName().toString();
        String[] parts = name.substring(0, name.length() - ".csv".length()).split("\\.");
        Path input = expectedFile.resolveSibling(parts[0] + ".json");
        FormulaPolicy policy = FormulaPolicy.fromConfig(parts[1]);

        String actual = new HospitalNoticeCsv(policy)
                .file(List.of(MessageBundles.parse(Files.readString(input, StandardCharsets.UTF_8))), 0);

        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(Paths.get("src/test/resources", DIR, name), actual, StandardCharsets.UTF_8);
            return; // the copy on the test classpath is stale until the next build
        }
        assertThat(actual).isEqualTo(Files.readString(expectedFile, StandardCharsets.UTF_8));
    }

    @Test
    void everyInputHasAnExpectedCsv() throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.list(dir())) {
            List<Path> inputs = files.filter(p -> p.toString().endsWith(".json")).toList();
            assertThat(inputs).hasSizeGreaterThanOrEqualTo(4);
            for (Path input : inputs) {
                String stem = input.getFileName().toString().replace(".json", "");
                assertThat(expectedFiles().map(p -> p.getFileName().toString()))
                        .as("expected CSV for %s", stem).anyMatch(n -> n.startsWith(stem + "."));
            }
        }
    }

    private static Path dir() throws URISyntaxException {
        return Paths.get(HospitalNoticeCsvGoldenTest.class.getClassLoader().getResource(DIR).toURI());
    }
}
