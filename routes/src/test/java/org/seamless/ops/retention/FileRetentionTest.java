package org.seamless.ops.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * File retention (ADR 0072) over generated folders: imported inbox files (at any depth of {@code processed/}
 * and {@code failed/}) and files directly in the outbox go exactly when older than their limit; files waiting
 * in the inbox, in other inbox folders or below the outbox stay whatever their age.
 */
class FileRetentionTest {
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private static final FileRetentionProperties POLICY = new FileRetentionProperties(Duration.ofDays(90),
            Duration.ofDays(30));

    @TempDir
    Path root;

    @Test
    void removesExactlyTheFilesPastTheirLimit() throws IOException {
        Path inbox = root.resolve("inbox");
        Path outbox = root.resolve("outbox");
        Random random = new Random(21);
        Set<Path> expectedGone = new HashSet<>();
        Set<Path> all = new HashSet<>();
        String[] places = {"processed", "failed", "processed/2026", "failed/x/y", "", ".staging", "other"};
        for (int i = 0; i < 600; i++) {
            boolean inInbox = random.nextBoolean();
            String place = inInbox ? places[random.nextInt(places.length)] : (random.nextInt(5) == 0 ? "sub" : "");
            Path dir = (inInbox ? inbox : outbox).resolve(place);
            Files.createDirectories(dir);
            Path f = dir.resolve("file-" + i + (random.nextBoolean() ? ".csv" : ".csv.ok"));
            Duration limit = inInbox ? POLICY.inbox() : POLICY.outbox();
            // ages either side of the limit, by up to a day, and some far from it
            long minutes = limit.toMinutes() + (random.nextInt(2 * 24 * 60) - 24 * 60) + (random.nextInt(4) == 0 ? -limit.toMinutes() / 2 : 0);
            if (minutes == limit.toMinutes()) {
                minutes++;
            }
            Files.writeString(f, "id\n");
            Files.setLastModifiedTime(f, FileTime.from(NOW.minus(Duration.ofMinutes(minutes))));
            all.add(f);
            boolean imported = inInbox && (place.startsWith("processed") || place.startsWith("failed"));
            boolean direct = !inInbox && place.isEmpty();
            if ((imported || direct) && minutes > limit.toMinutes()) {
                expectedGone.add(f);
            }
        }
        FileRetention.Result result = new FileRetention(POLICY).purge(inbox, outbox, NOW);

        Set<Path> left = files(root);
        Set<Path> gone = new HashSet<>(all);
        gone.removeAll(left);
        assertThat(gone).as("removed files").containsExactlyInAnyOrderElementsOf(expectedGone);
        assertThat(expectedGone).as("the generated set has files to remove and files to keep").isNotEmpty()
                .hasSizeLessThan(all.size());
        assertThat(result.importedFiles() + result.uncollectedOutboxFiles()).isEqualTo(expectedGone.size());
        assertThat(result.uncollectedOutboxFiles()).isEqualTo((int) expectedGone.stream().filter(p -> p.startsWith(outbox)).count());

        // a second run finds nothing more
        FileRetention.Result again = new FileRetention(POLICY).purge(inbox, outbox, NOW);
        assertThat(again).isEqualTo(new FileRetention.Result(0, 0));
    }

    @Test
    void missingFoldersAndAnSftpAuthorityWithoutOutboxAreNothingToDo() {
        FileRetention.Result r = new FileRetention(POLICY).purge(root.resolve("no-inbox"), null, NOW);
        assertThat(r).isEqualTo(new FileRetention.Result(0, 0));
    }

    @Test
    void aPolicyThatIsNotPositiveIsRefused() {
        assertThat(new FileRetentionProperties(Duration.ZERO, Duration.ofDays(-1)).problems()).containsExactly(
                "seamless.retention.files.inbox must be a positive duration (ISO 8601, e.g. P90D)",
                "seamless.retention.files.outbox must be a positive duration (ISO 8601, e.g. P90D)");
        assertThat(POLICY.problems()).isEmpty();
    }

    private static Set<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return new HashSet<>(s.filter(Files::isRegularFile).toList());
        }
    }
}
