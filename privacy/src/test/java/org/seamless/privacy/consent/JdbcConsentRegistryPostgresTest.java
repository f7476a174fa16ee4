package org.seamless.privacy.consent;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The registry contract on the PostgreSQL the routes tests use (the local server at 127.0.0.1:5432,
 * database {@code seamless_test}, role {@code seamless}, as {@code .ci/run} creates them; or
 * {@code SEAMLESS_TEST_PG_URL}, {@code SEAMLESS_TEST_PG_USER}, {@code SEAMLESS_TEST_PG_PASSWORD}), in a
 * schema of its own that is dropped afterwards. Skipped when the server is unreachable, except under
 * CI=true, where an unreachable server fails the build.
 */
class JdbcConsentRegistryPostgresTest extends ConsentRegistryContract {
    private static final String SCHEMA = "consent_test_" + UUID.randomUUID().toString().replace("-", "");
    private static final String URL = env("SEAMLESS_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/seamless_test");
    private static final String USER = env("SEAMLESS_TEST_PG_USER", "seamless");
    private static PGSimpleDataSource admin;
    private static PGSimpleDataSource schemaDs;

    @BeforeAll
    static void connect() {
        admin = dataSource(null);
        try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + SCHEMA);
        } catch (SQLException e) {
            String reason = "PostgreSQL at " + URL + " (user " + USER + ") is not reachable (SQL state "
                    + e.getSQLState() + ")";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(reason + " -- CI=true, so this is a failure, not a skip");
            }
            assumeTrue(false, reason + " -- skipping the PostgreSQL variant");
        }
        schemaDs = dataSource(SCHEMA);
        Flyway.configure().dataSource(schemaDs).schemas(SCHEMA).locations("classpath:db/migration").load().migrate();
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        if (admin == null) {
            return;
        }
        try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        } catch (SQLException e) {
            // the server went away after connect(): nothing left to drop
        }
    }

    @Override
    ConsentRegistry newRegistry() {
        // test-only cleanup between tests; the application itself never deletes from this table
        try (Connection c = schemaDs.getConnection(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM consent_record");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return new JdbcConsentRegistry(schemaDs, org.seamless.privacy.keys.TestFieldCiphers.create());
    }

    private static PGSimpleDataSource dataSource(String schema) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(URL);
        ds.setUser(USER);
        ds.setPassword(env("SEAMLESS_TEST_PG_PASSWORD", ""));
        ds.setConnectTimeout(3);
        ds.setLoginTimeout(3);
        if (schema != null) {
            ds.setCurrentSchema(schema);
        }
        return ds;
    }

    private static String env(String name, String defaultValue) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? defaultValue : value;
    }
}
