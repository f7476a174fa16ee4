package org.seamless.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Test schemas left by test JVMs that have ended are dropped; those of running JVMs, other hosts and others are kept. */
class TestDatabaseTest {
    @TempDir
    Path dir;

    @Test
    void schemasLeftByEndedTestProcessesOnThisHostAreDropped() throws Exception {
        TestDatabase db = TestDatabase.create(dir);
        assumeTrue("postgresql".equals(db.kind()),
                "needs PostgreSQL (test schemas are a PostgreSQL matter; H2 test databases are files in a temp dir)");
        Process ended = new ProcessBuilder("java", "-version").redirectErrorStream(true).start();
        ended.getInputStream().readAllBytes();
        ended.waitFor();
        String host = java.net.InetAddress.getLocalHost().getHostName();
        String left = schema(db, "left", TestDatabase.label(host, ended.toHandle()));
        String running = schema(db, "running", TestDatabase.label(host, ProcessHandle.current()));
        String elsewhere = schema(db, "elsewhere", TestDatabase.label("another-host", ended.toHandle()));
        String unlabelled = schema(db, "unlabelled", null);
        try (Connection c = db.connect()) {
            List<String> dropped = TestDatabase.dropLeftSchemas(c);
            assertThat(dropped).contains(left).doesNotContain(running, elsewhere, unlabelled);
            assertThat(exists(c, left)).isFalse();
            assertThat(exists(c, running)).isTrue();
            assertThat(exists(c, elsewhere)).isTrue();
            assertThat(exists(c, unlabelled)).isTrue();
            // the schema of this JVM's own test database is running too
            assertThat(dropped).noneMatch(s -> db.url().endsWith("currentSchema=" + s));
        } finally {
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                for (String schema : List.of(left, running, elsewhere, unlabelled)) {
                    s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                }
            }
            db.close();
        }
    }

    private static String schema(TestDatabase db, String what, String label) throws SQLException {
        String name = "t_" + what.substring(0, 4) + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + name);
            if (label != null) {
                s.execute("COMMENT ON SCHEMA " + name + " IS '" + label + "'");
            }
            s.execute("CREATE TABLE " + name + ".x (id int)");
        }
        return name;
    }

    private static boolean exists(Connection c, String schema) throws SQLException {
        try (var ps = c.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
            ps.setString(1, schema);
            try (var rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
