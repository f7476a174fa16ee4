package org.seamless.adapters.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks of {@link InboxGuard} one by one, and that no file consumer in the code goes around it. */
class InboxGuardTest {
    @TempDir
    Path inbox;

    @Test
    void anOrdinaryFileMayBeRead() throws Exception {
        Path f = Files.writeString(inbox.resolve("consents-2026-12-05.csv"), "x");
        assertThat(InboxGuard.problem(inbox, f)).isNull();
    }

    @Test
    void namesWithSeparatorsDotDotOrControlCharactersAreRefused() throws Exception {
        for (String name : List.of("consents-a\\b.csv", "consents-..csv", "consents-a\tb.csv", "consents-\u007f.csv")) {
            Path f = Files.writeString(inbox.resolve(name), "x");
            assertThat(InboxGuard.problem(inbox, f)).as(name).isEqualTo("unsafe-name");
        }
    }

    @Test
    void aNameTooLongForItsReportsIsRefusedAndItsSafeNameFits() throws Exception {
        String longest = "c".repeat(InboxGuard.MAX_NAME_BYTES - InboxGuard.LONGEST_SUFFIX);
        assertThat(InboxGuard.problem(inbox, Files.writeString(inbox.resolve(longest), "x"))).isNull();
        Path tooLong = Files.writeString(inbox.resolve(longest + "c"), "x");
        assertThat(InboxGuard.problem(inbox, tooLong)).isEqualTo("name-too-long");
        String multiByte = "consents-" + "\u00e9".repeat(120) + ".csv"; // 253 bytes in UTF-8, 133 characters
        assertThat(InboxGuard.problem(inbox, Files.writeString(inbox.resolve(multiByte), "x"))).isEqualTo("name-too-long");
        assertThat((InboxGuard.safeName(longest + "c") + "~9" + InboxGuard.REASON_SUFFIX)
                .getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(InboxGuard.MAX_NAME_BYTES);
    }

    @Test
    void aHardLinkAndAFolderAreRefused() throws Exception {
        Path outside = Files.writeString(Files.createTempFile("seamless-outside", ".csv"), "x");
        try {
            Path link = Files.createLink(inbox.resolve("consents-hard.csv"), outside);
            assertThat(InboxGuard.problem(inbox, link)).isEqualTo("hard-link");
        } finally {
            Files.deleteIfExists(inbox.resolve("consents-hard.csv"));
            Files.deleteIfExists(outside);
        }
        assertThat(InboxGuard.problem(inbox, Files.createDirectory(inbox.resolve("consents-dir.csv"))))
                .isEqualTo("not-a-regular-file");
    }

    @Test
    void everyFileConsumerInTheCodeGoesThroughTheGuard() throws Exception {
        Path main = Path.of("src", "main", "java");
        try (Stream<Path> files = Files.walk(main)) {
            List<String> bypassing = files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
                try {
                    String s = Files.readString(p);
                    return s.matches("(?s).*from[F]?\\(\\s*\"(file|sftp|ftp|ftps):.*");
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).map(Path::toString).toList();
            assertThat(bypassing).isEmpty();
        }
        try (Stream<Path> files = Files.walk(main.resolve("org/seamless/adapters/lacsv"))) {
            List<String> consumers = files.filter(p -> p.toString().endsWith("InboxRoute.java")).toList().stream()
                    .map(Path::toString).toList();
            // alert extracts, notice responses, consents and discharge to assess answers
            assertThat(consumers).hasSize(4).allSatisfy(p ->
                    assertThat(Files.readString(Path.of(p))).contains("InboxGuard.endpoint(").contains("InboxGuard.file("));
        }
    }
}
