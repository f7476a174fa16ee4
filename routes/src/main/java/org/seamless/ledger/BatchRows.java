package org.seamless.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.seamless.privacy.ledger.JdbcLedger;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A row a hub step writes once (ADR 0098): queued in the step's ledger batch when the calling thread has
 * one open ({@link JdbcLedger#deferWrite}), where it runs on the batch's own connection and transaction,
 * else written at once.
 */
public final class BatchRows {
    private BatchRows() {
    }

    /**
     * Inserts the row unless {@code existsSql} with {@code key} finds it. Checked first (in the open batch a
     * refused insert would abort a PostgreSQL transaction, and a retried flush runs the write again); written
     * at once, a duplicate key left after the check means a competing consumer wrote it first.
     *
     * @param ledger the ledger whose batch the row joins; null writes at once
     */
    public static void insertOnce(JdbcLedger ledger, JdbcTemplate jdbc, String existsSql, Object[] key,
                                  String insertSql, Object... row) {
        if (ledger != null && ledger.deferWrite(c -> {
            if (!exists(c, existsSql, key)) {
                insert(c, insertSql, row);
            }
        })) {
            return;
        }
        if (!jdbc.queryForList(existsSql, Integer.class, key).isEmpty()) {
            return;
        }
        try {
            jdbc.update(insertSql, row);
        } catch (DuplicateKeyException e) {
            // written already, by an earlier attempt of the same step or a competing consumer: harmless
        }
    }

    private static boolean exists(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
            return rs.next();
        }
    }

    private static void insert(Connection c, String sql, Object... args) throws SQLException {
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
