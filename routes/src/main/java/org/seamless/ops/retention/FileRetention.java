package org.seamless.ops.retention;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * Removes the files of one CSV local authority that are past their retention (ADR 0072): imported inbox
 * files and their reports (under the inbox's {@code processed/} and {@code failed/}, at any depth) older than
 * the inbox limit, and files left directly in the outbox older than the outbox limit. Files waiting in the
 * inbox itself (not yet imported) and anything outside those folders are never touched. A file's age is
 * counted from its last modification. Deleting a file that has already gone (another instance sharing the
 * folder) is not an error.
 */
public final class FileRetention {
    /** What one run removed; file names are never reported (they carry message ids, kept out of logs anyway). */
    public record Result(int importedFiles, int uncollectedOutboxFiles) {
    }

    private final FileRetentionProperties policy;

    public FileRetention(FileRetentionProperties policy) {
        this.policy = policy;
    }

    /** Purges one authority's folders; either may be null (an SFTP authority has no local outbox). */
    public Result purge(Path inbox, Path outbox, Instant now) {
        int imported = 0;
        if (inbox != null) {
            Instant before = now.minus(policy.inbox());
            for (String done : List.of("processed", "failed")) {
                imported += deleteOlder(inbox.resolve(done), before, Integer.MAX_VALUE);
            }
        }
        int uncollected = outbox == null ? 0 : deleteOlder(outbox, now.minus(policy.outbox()), 1);
        return new Result(imported, uncollected);
    }

    private static int deleteOlder(Path dir, Instant before, int depth) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int deleted = 0;
        try (Stream<Path> files = Files.walk(dir, depth)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                try {
                    if (Files.getLastModifiedTime(f).toInstant().isBefore(before) && Files.deleteIfExists(f)) {
                        deleted++;
                    }
                } catch (java.nio.file.NoSuchFileException gone) {
                    // why: another instance sharing the folder removed it first
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("retention: could not list a folder of a CSV authority", e);
        }
        return deleted;
    }
}
