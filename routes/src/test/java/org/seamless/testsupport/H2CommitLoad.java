package org.seamless.testsupport;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Single-row commits into an H2 file, the load that shows how the file keeps its chunks (ADR 0095), for
 * {@code EmbeddedDatabaseHousekeepingTest} and {@code bench/run h2file}.
 */
public final class H2CommitLoad {
    /** The file's figures H2 reports in {@code INFORMATION_SCHEMA.SETTINGS}. */
    public static final String FILE_SIZE = "info.FILE_SIZE";
    public static final String CHUNK_COUNT = "info.CHUNK_COUNT";
    public static final String CHUNKS_FILL_RATE = "info.CHUNKS_FILL_RATE";

    /** Called after each commit with the number made so far (housekeeping rounds, progress lines). */
    @FunctionalInterface
    public interface AfterCommit {
        void accept(int commits) throws SQLException;
    }

    private H2CommitLoad() {
    }

    /**
     * Makes {@code commits} single-row commits (a random-key primary key and one index, about 900 bytes a
     * row), reads the file's figures, then shuts the database down at H2's default retention time: a file
     * closed with {@code RETENTION_TIME=0} while chunks are freed can fail to reopen (reported by H2's users).
     */
    public static Map<String, Long> load(DataSource ds, int commits, AfterCommit afterCommit) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.createStatement().execute("CREATE TABLE t (id VARCHAR(36) PRIMARY KEY, k VARCHAR(36),"
                    + " at TIMESTAMP WITH TIME ZONE, body VARCHAR(2000))");
            c.createStatement().execute("CREATE INDEX ix_t ON t (k, at)");
            String body = "x".repeat(800);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO t VALUES (?, ?, CURRENT_TIMESTAMP, ?)")) {
                for (int i = 1; i <= commits; i++) {
                    insert.setString(1, UUID.randomUUID().toString());
                    insert.setString(2, UUID.randomUUID().toString());
                    insert.setString(3, body);
                    insert.executeUpdate(); // auto-commit: one chunk written per row
                    afterCommit.accept(i);
                }
            }
            Map<String, Long> info = new HashMap<>(new JdbcTemplate(ds).queryForList("SELECT SETTING_NAME,"
                    + " SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME IN (?, ?, ?)", FILE_SIZE,
                    CHUNK_COUNT, CHUNKS_FILL_RATE).stream().collect(Collectors.toMap(r -> (String) r.get("SETTING_NAME"),
                    r -> Long.parseLong((String) r.get("SETTING_VALUE")))));
            c.createStatement().execute("SET RETENTION_TIME 45000");
            c.createStatement().execute("SHUTDOWN");
            return info;
        }
    }
}
