package org.seamless.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Every migration applies to the embedded H2 database (the run command's default) as well as to
 * PostgreSQL (which the integration tests use when it is reachable), so the SQL stays in their
 * common subset.
 */
class MigrationsOnH2Test {

    @Test
    void allMigrationsApplyAndTablesWork() throws Exception {
        String url = "jdbc:h2:mem:migrations;DB_CLOSE_DELAY=-1";
        var result = Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration").load().migrate();
        assertThat(result.success).isTrue();
        assertThat(result.migrationsExecuted).isGreaterThanOrEqualTo(4);
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO quarantine (id, received_at, edge, reason_code,"
                    + " reason, payload) VALUES ('q1', CURRENT_TIMESTAMP, 'nhs-fhir', 'x', 'y', ?)")) {
                ps.setBytes(1, new byte[] {1, 2, 3});
                ps.executeUpdate();
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT payload FROM quarantine")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBytes(1)).containsExactly(1, 2, 3);
            }
        }
    }
}
