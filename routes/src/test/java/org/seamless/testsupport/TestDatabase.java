package org.seamless.testsupport;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The database a test runs against, behind one seam: PostgreSQL when it is reachable (the local
 * server on this machine and in CI, or {@code SEAMLESS_TEST_PG_URL}), each test context in a
 * schema of its own; otherwise the embedded H2 file database (in auto-server mode, so a test can
 * read what a child Seamless process holds open). With {@code CI=true} an unreachable
 * PostgreSQL fails the run instead of silently testing only H2. A container can replace the
 * local server by setting {@code SEAMLESS_TEST_PG_URL} before the tests start.
 *
 * <p>A test schema is dropped when its test context closes. A context shared by a whole test JVM (the
 * static environment of {@code SeamlessTestBase}) is not closed before the JVM ends, so each schema is
 * labelled with the host, process id and start time of the JVM that made it, and the first schema a JVM
 * makes first drops those this host's earlier test JVMs left: made here, by a process no longer running.
 */
public final class TestDatabase implements AutoCloseable {
    static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/seamless_test";
    /**
     * The options of the embedded database URL in {@code application.yml}, for benchmarks and tests that start
     * Seamless on an H2 file of their own and must measure what the product runs
     * ({@code EmbeddedDatabaseUrlTest} keeps the two the same).
     */
    public static final String EMBEDDED_OPTIONS = ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;QUERY_CACHE_SIZE=64";

    static final String LABEL = "seamless test schema";
    private static final AtomicBoolean REAPED = new AtomicBoolean();

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
            if (REAPED.compareAndSet(false, true)) {
                dropLeftSchemas(c);
            }
            s.execute("CREATE SCHEMA " + schema);
            s.execute("COMMENT ON SCHEMA " + schema + " IS '" + label(host(), ProcessHandle.current()) + "'");
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

    /** What a test schema's comment says of the JVM that made it: {@code host=.. pid=.. started=..}. */
    static String label(String host, ProcessHandle process) {
        long started = process.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L);
        return LABEL + " host=" + hostField(host) + " pid=" + process.pid() + " started=" + started;
    }

    /**
     * Drops the test schemas that test JVMs on this host made and left behind: labelled with this host,
     * and a process id that no longer runs (or now runs a process started at another time). Returns their
     * names. Schemas without the label, or from another host, are left alone.
     */
    static List<String> dropLeftSchemas(Connection c) throws SQLException {
        String host = hostField(host());
        List<String> left = new ArrayList<>();
        try (Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT n.nspname, d.description FROM pg_namespace n JOIN pg_description d"
                     + " ON d.objoid = n.oid AND d.classoid = 'pg_namespace'::regclass WHERE n.nspname LIKE 't\\_%'"
                     + " AND d.description LIKE '" + LABEL + " %'")) {
            while (rs.next()) {
                Map<String, String> fields = new java.util.HashMap<>();
                for (String part : rs.getString(2).substring(LABEL.length()).trim().split(" ")) {
                    int eq = part.indexOf('=');
                    if (eq > 0) {
                        fields.put(part.substring(0, eq), part.substring(eq + 1));
                    }
                }
                if (host.equals(fields.get("host"))
                        && !running(fields.get("pid"), fields.get("started"))) {
                    left.add(rs.getString(1));
                }
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("SET lock_timeout = '5s'"); // why: a schema still in use somewhere is skipped, not waited for
            for (String schema : left) {
                try {
                    s.execute("DROP SCHEMA " + schema + " CASCADE");
                } catch (SQLException e) {
                    System.err.println("[seamless tests] could not drop left test schema " + schema + ": " + e.getSQLState());
                }
            }
            s.execute("RESET lock_timeout");
        }
        return left;
    }

    private static boolean running(String pid, String started) {
        try {
            var process = ProcessHandle.of(Long.parseLong(pid));
            if (process.isEmpty() || !process.get().isAlive()) {
                return false;
            }
            long now = process.get().info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L);
            long then = Long.parseLong(started);
            return now == 0 || then == 0 || now == then; // why: without start times, a live pid counts as running
        } catch (NumberFormatException e) {
            return true; // why: a label this code did not write is left alone
        }
    }

    /** A host name as a label holds it: a single word that cannot end the SQL string it is written in. */
    private static String hostField(String host) {
        return host.replaceAll("[^A-Za-z0-9.-]", "_");
    }

    private static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown";
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
