package org.seamless.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.h2.jdbcx.JdbcDataSource;
import org.seamless.app.config.EmbeddedDatabaseHousekeeping;
import org.seamless.testsupport.H2CommitLoad;

/**
 * The embedded H2 file under a long run of single-row commits, without and with Seamless's housekeeping
 * (ADR 0095). Not a test.
 *
 * <pre>bench/run h2file [commits=200000] [retention-ms=1000] [housekeeping-every-commits=500]</pre>
 *
 * <p>A table with a random-key primary key and one index, about 900 bytes a row, one commit per row,
 * {@code WRITE_DELAY=0} as the product. The retention time is shortened (H2's default is 45 s) so that a
 * run of a minute or two shows what outlives the retention window; the product keeps H2's default. Prints
 * the file's size and the time per commit every tenth of the run, then a {@code RESULT} line comparing
 * the two runs' files.
 */
public final class EmbeddedDatabaseFileBenchmark {
    private EmbeddedDatabaseFileBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int commits = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int retentionMs = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int every = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        Path dir = Files.createTempDirectory("seamless-h2-file-bench");
        System.out.printf("cores=%d commits=%d retention-ms=%d housekeeping-every=%d commits load=%s%n",
                Runtime.getRuntime().availableProcessors(), commits, retentionMs, every, BenchSupport.loadAverage());
        Map<String, Long> without = run(dir.resolve("without"), commits, retentionMs, 0);
        Map<String, Long> with = run(dir.resolve("with"), commits, retentionMs, every);
        System.out.printf("RESULT commits=%d without: file=%.2fGB chunks=%d live=%d%% ms-per-commit-last-tenth=%.3f"
                        + " | with housekeeping: file=%.2fGB chunks=%d live=%d%% ms-per-commit-last-tenth=%.3f"
                        + " | file ratio=%.2f load=%s%n",
                commits, without.get(H2CommitLoad.FILE_SIZE) / 1e9, without.get(H2CommitLoad.CHUNK_COUNT),
                without.get(H2CommitLoad.CHUNKS_FILL_RATE), without.get("last-tenth-us") / 1000.0,
                with.get(H2CommitLoad.FILE_SIZE) / 1e9, with.get(H2CommitLoad.CHUNK_COUNT), with.get(H2CommitLoad.CHUNKS_FILL_RATE),
                with.get("last-tenth-us") / 1000.0,
                (double) with.get(H2CommitLoad.FILE_SIZE) / without.get(H2CommitLoad.FILE_SIZE), BenchSupport.loadAverage());
        System.exit(0);
    }

    private static Map<String, Long> run(Path file, int commits, int retentionMs, int every) throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + file + ";WRITE_DELAY=0;RETENTION_TIME=" + retentionMs);
        ds.setUser("sa");
        EmbeddedDatabaseHousekeeping housekeeping = new EmbeddedDatabaseHousekeeping(ds, 1 << 20,
                (io.micrometer.core.instrument.MeterRegistry) null);
        String label = every > 0 ? "with-housekeeping" : "without";
        int tenth = tenth(commits);
        long[] tenthStart = {System.nanoTime()};
        long[] lastTenthNanos = {0};
        Map<String, Long> info = H2CommitLoad.load(ds, commits, i -> {
            if (every > 0 && i % every == 0) {
                housekeeping.run();
            }
            if (i % tenth == 0) {
                lastTenthNanos[0] = System.nanoTime() - tenthStart[0];
                System.out.printf("%s commits=%d ms-per-commit=%.3f file=%dMB%n", label, i,
                        lastTenthNanos[0] / 1e6 / tenth, sizeOf(file) >> 20);
                tenthStart[0] = System.nanoTime();
            }
        });
        info.put("last-tenth-us", lastTenthNanos[0] / 1000 / tenth);
        Files.deleteIfExists(Path.of(file + ".mv.db"));
        return info;
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(Path.of(file + ".mv.db"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int tenth(int commits) {
        return Math.max(1, commits / 10);
    }
}
