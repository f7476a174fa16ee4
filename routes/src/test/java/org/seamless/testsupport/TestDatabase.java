package org.seamless.testsupport;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * The database a test runs against, behind one seam: PostgreSQL when it is reachable (the local
 * server on this machine and in CI, or {@code SEAMLESS_TEST_PG_URL}), each test context in a
 * schema of its own; otherwise the embedded H2 file database (in auto-server mode, so a test can
 * read what a child Seamless process holds open). With {@code CI=true} an unreachable
 * PostgreSQL fails the run instead of silently testing only H2. A container can replace the
 * local server by setting {@code SEAMLESS_TEST_PG_URL} before the tests start.
 */
public final class TestDatabase implements AutoCloseable {
    static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/seamless_test";
    /**
     * The options of the embedded database URL in {@code application.yml}, for benchmarks and tests that start
     * Seamless on an H2 file of their own and must measure what the product runs
     * ({@code EmbeddedDatabaseUrlTest} keeps the two the same).
     */
    public static final String EMBEDDED_OPTIONS = ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";

    private final String kind;
    private final String url;
    private final String user;
    private final String password;
    private final String schema;

    private TestDatabase(String kind, String url, String user, String password, String schema) {
        this.kind = kind;
        this.url = url;
        this.user = user;
        this.password = password;
        this.schema = schema;
    }

    public static TestDatabase create(Path dataDir) {
        String pgUrl = env("SEAMLESS_TEST_PG_URL", DEFAULT_URL);
        String pgUser = env("SEAMLESS_TEST_PG_USER", "seamless");
        String pgPassword = env("SEAMLESS_TEST_PG_PASSWORD", "");
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(pgUrl, pgUser, pgPassword);
             Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
            String sep = pgUrl.contains("?") ? "&" : "?";
            return new TestDatabase("postgresql", pgUrl + sep + "currentSchema=" + schema, pgUser, pgPassword, schema);
        } catch (SQLException e) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true but PostgreSQL is unreachable at " + pgUrl
                        + " as " + pgUser + " (" + e.getSQLState() + "); .ci/run should have started it", e);
            }
            System.err.println("[seamless tests] PostgreSQL unreachable at " + pgUrl + " (" + e.getSQLState()
                    + "): this run uses the embedded H2 database only. Start PostgreSQL, or set SEAMLESS_TEST_PG_URL,"
                    + " to run the same tests against PostgreSQL.");
            return h2(dataDir);
        }
    }

    /** The embedded H2 file database in {@code dataDir}, whether or not PostgreSQL is reachable. */
    public static TestDatabase h2(Path dataDir) {
        return new TestDatabase("h2", "jdbc:h2:file:" + dataDir.resolve("db/seamless").toAbsolutePath()
                + ";WRITE_DELAY=0;AUTO_SERVER=TRUE", "seamless", "", null);
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    /** {@code postgresql} or {@code h2}. */
    public String kind() {
        return kind;
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** Spring properties that point the application at this database. */
    public Map<String, String> springProperties() {
        return Map.of("spring.datasource.url", url, "spring.datasource.username", user,
                "spring.datasource.password", password);
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    @Override
    public void close() {
        if (schema == null) {
            return;
        }
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA " + schema + " CASCADE");
        } catch (SQLException e) {
            System.err.println("[seamless tests] could not drop test schema " + schema + ": " + e.getSQLState());
        }
    }
}
