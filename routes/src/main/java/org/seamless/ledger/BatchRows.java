package org.seamless.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Plain JDBC for the writes a hub step queues in its ledger batch ({@link
 * org.seamless.privacy.ledger.JdbcLedger#deferWrite}), which run on the batch's own connection and
 * transaction rather than through Spring's {@code JdbcTemplate}.
 */
public final class BatchRows {
    private BatchRows() {
    }

    /** Whether the query, with these arguments, finds a row. */
    public static boolean exists(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
            return rs.next();
        }
    }

    /** Runs the insert with these arguments. */
    public static void insert(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, args)) {
            ps.executeUpdate();
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        try {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps;
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }
}
