package org.seamless.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seamless.testsupport.H2CommitLoad;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * H2 with {@code WRITE_DELAY=0} runs no background writer, so without this job nothing rewrites its
 * partly dead chunks (ADR 0095). The same workload of single-row commits, with and without the job.
 */
class EmbeddedDatabaseHousekeepingTest {
    private static final int COMMITS = 3_000;

    @TempDir
    Path dir;

    @Test
    void rewritesSparseChunksSoTheFileHoldsFewChunksAndAllRows() throws Exception {
        Map<String, Long> without = load("without", false);
        Map<String, Long> with = load("with", true);

        String figures = "without " + without + ", with " + with;
        // measured: without, about 920 chunks at 12 % live in 28 MB; with, 95-156 chunks at 42-58 % in 7 MB
        assertThat(without.get(H2CommitLoad.CHUNKS_FILL_RATE)).as(figures).isLessThan(40);
        assertThat(with.get(H2CommitLoad.CHUNK_COUNT)).as(figures).isLessThan(without.get(H2CommitLoad.CHUNK_COUNT) / 4);
        assertThat(with.get(H2CommitLoad.CHUNKS_FILL_RATE)).as(figures).isGreaterThan(2 * without.get(H2CommitLoad.CHUNKS_FILL_RATE));
        assertThat(with.get(H2CommitLoad.FILE_SIZE)).as(figures).isLessThan(without.get(H2CommitLoad.FILE_SIZE) / 2);

        // reopened from the file: every committed row is there
        JdbcDataSource reopened = h2("with");
        assertThat(new JdbcTemplate(reopened).queryForObject("SELECT COUNT(*) FROM t", Integer.class)).isEqualTo(COMMITS);
        assertThat(new JdbcTemplate(reopened).queryForObject("SELECT COUNT(DISTINCT k) FROM t", Integer.class))
                .isEqualTo(COMMITS);
        new JdbcTemplate(reopened).execute("SHUTDOWN");
    }

    @Test
    void inertWhereH2DoesItsOwnHousekeepingOrThereIsNoFile() throws Exception {
        JdbcDataSource memory = new JdbcDataSource();
        memory.setURL("jdbc:h2:mem:housekeeping-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        EmbeddedDatabaseHousekeeping inMemory = new EmbeddedDatabaseHousekeeping(memory, 1 << 20, (MeterRegistry) null);
        assertThat(inMemory.run()).isFalse();
        assertThat(inMemory.applies()).isFalse();

        // H2's own background writer (WRITE_DELAY above 0) does the same work
        JdbcDataSource delayed = new JdbcDataSource();
        delayed.setURL("jdbc:h2:file:" + dir.resolve("delayed") + ";WRITE_DELAY=500");
        try (Connection held = delayed.getConnection()) {
            EmbeddedDatabaseHousekeeping withWriter = new EmbeddedDatabaseHousekeeping(delayed, 1 << 20, (MeterRegistry) null);
            withWriter.run();
            assertThat(withWriter.applies()).isFalse();
        }

        // PostgreSQL or any other driver
        DataSource other = mock(DataSource.class);
        Connection connection = mock(Connection.class);
        when(other.getConnection()).thenReturn(connection);
        when(connection.isWrapperFor(org.h2.jdbc.JdbcConnection.class)).thenReturn(false);
        EmbeddedDatabaseHousekeeping elsewhere = new EmbeddedDatabaseHousekeeping(other, 1 << 20, (MeterRegistry) null);
        assertThat(elsewhere.run()).isFalse();
        assertThat(elsewhere.applies()).isFalse();
    }

    @Test
    void appliesToAnEmbeddedFileWithWriteDelayZero() throws Exception {
        JdbcDataSource file = h2("applies");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Connection held = file.getConnection()) {
            EmbeddedDatabaseHousekeeping job = new EmbeddedDatabaseHousekeeping(file, 1 << 20, registry);
            assertThat(registry.find(EmbeddedDatabaseHousekeeping.FILE_BYTES).gauge()).isNull();
            job.run();
            assertThat(job.applies()).isTrue();
            assertThat(registry.get(EmbeddedDatabaseHousekeeping.FILE_BYTES).gauge().value())
                    .isEqualTo((double) Files.size(dir.resolve("applies.mv.db")));
            assertThat(registry.get(EmbeddedDatabaseHousekeeping.LIVE_RATIO).gauge().value()).isBetween(0.0, 1.0);
            held.createStatement().execute("SHUTDOWN");
        }
    }

    private Map<String, Long> load(String name, boolean housekeeping) throws SQLException {
        JdbcDataSource ds = h2(name, true);
        EmbeddedDatabaseHousekeeping job = new EmbeddedDatabaseHousekeeping(ds, 1 << 20, (MeterRegistry) null);
        Map<String, Long> info = H2CommitLoad.load(ds, COMMITS, i -> {
            if (housekeeping && i % 50 == 0) {
                job.run();
            }
        });
        assertThat(job.applies()).isTrue();
        assertThat(Files.exists(dir.resolve(name + ".mv.db"))).isTrue();
        return info;
    }

    private JdbcDataSource h2(String name) {
        return h2(name, false);
    }

    private JdbcDataSource h2(String name, boolean loading) {
        JdbcDataSource ds = new JdbcDataSource();
        // why: while loading, RETENTION_TIME=0 frees a dead chunk at once instead of after H2's default 45 s, so
        // a test of a few seconds shows what a running hub reaches after longer, whatever the machine's speed;
        // the product keeps H2's default
        ds.setURL("jdbc:h2:file:" + dir.resolve(name) + ";WRITE_DELAY=0" + (loading ? ";RETENTION_TIME=0" : ""));
        ds.setUser("sa");
        return ds;
    }
}
