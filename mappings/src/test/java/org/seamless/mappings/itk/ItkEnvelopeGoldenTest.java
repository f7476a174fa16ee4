package org.seamless.mappings.itk;

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
 * Golden files: {@code golden/itk/<case>.json} (a notice bundle) maps to {@code <case>.g<n>.xml},
 * the ITK envelope for replay generation {@code n} addressed to ODS code {@value #RECIPIENT_ODS}.
 * Run with {@code -Dgolden.update=true} to rewrite the expected files, then review the diff.
 */
class ItkEnvelopeGoldenTest {
    static final String RECIPIENT_ODS = "DEMO3";
    private static final String DIR = "golden/itk";

    static Stream<Path> expectedFiles() throws IOException, URISyntaxException {
        return Files.list(dir()).filter(p -> p.toString().endsWith(".xml")).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectedFiles")
    void bundleMapsToExpectedEnvelope(Path expectedFile) throws IOException {
        String name = expectedFile.getFileName().toString();
        String[] parts = name.substring(0, name.length() - ".xml".length()).split("\\.");
        Path input = expectedFile.resolveSibling(parts[0] + ".json");
        int generation = Integer.parseInt(parts[1].substring(1));

        String actual = ItkEnvelopeXml.write(NoticeEnvelopes.envelope(
                MessageBundles.parse(Files.readString(input, StandardCharsets.UTF_8)),
                ItkAddresses.agency(RECIPIENT_ODS, "demo-la-soap"), generation));

        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(Paths.get("src/test/resources", DIR, name), actual, StandardCharsets.UTF_8);
            return; // the copy on the test classpath is stale until the next build
        }
        assertThat(actual).isEqualTo(Files.readString(expectedFile, StandardCharsets.UTF_8));
    }

    @Test
    void everyInputHasAnExpectedEnvelope() throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.list(dir())) {
            List<Path> inputs = files.filter(p -> p.toString().endsWith(".json")).toList();
            assertThat(inputs).hasSizeGreaterThanOrEqualTo(2);
            for (Path input : inputs) {
                String stem = input.getFileName().toString().replace(".json", "");
                assertThat(expectedFiles().map(p -> p.getFileName().toString()))
                        .as("expected envelope for %s", stem).anyMatch(n -> n.startsWith(stem + ".g"));
            }
        }
    }

    private static Path dir() throws URISyntaxException {
        return Paths.get(ItkEnvelopeGoldenTest.class.getClassLoader().getResource(DIR).toURI());
    }
}
