package org.seamless.testsupport;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads every column of every table in the connection's schema raw over JDBC (text, numbers, dates, blobs and
 * clobs alike) and reports where any of the needles occurs, in any case; bytes are read one byte a character,
 * so an ASCII needle inside a binary body is found too. Used by the at-rest tests (ADR 0071).
 */
public final class RawTableScan {
    private RawTableScan() {
    }

    /** The tables scanned, names as the database holds them. */
    public static List<String> tables(Connection c) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        List<String> out = new ArrayList<>();
        try (ResultSet rs = md.getTables(c.getCatalog(), c.getSchema(), "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                out.add(rs.getString("TABLE_NAME"));
            }
        }
        return out;
    }

    /** "table.column" to the needles (by label) found in it; empty when nothing is found. */
    public static Map<String, List<String>> find(Connection c, Map<String, String> needlesByLabel) throws SQLException {
        Map<String, List<String>> found = new TreeMap<>();
        for (String table : tables(c)) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM \"" + table + "\"")) {
                ResultSetMetaData md = rs.getMetaData();
                while (rs.next()) {
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        String text = raw(rs, i);
                        if (text == null) {
                            continue;
                        }
                        String lower = text.toLowerCase(Locale.ROOT);
                        for (Map.Entry<String, String> n : needlesByLabel.entrySet()) {
                            if (lower.contains(n.getValue().toLowerCase(Locale.ROOT))) {
                                List<String> where = found.computeIfAbsent(table.toLowerCase(Locale.ROOT) + "."
                                        + md.getColumnName(i).toLowerCase(Locale.ROOT), k -> new ArrayList<>());
                                if (!where.contains(n.getKey())) {
                                    where.add(n.getKey());
                                }
                            }
                        }
                    }
                }
            }
        }
        return found;
    }

    /** Rows per table, to show the scan saw the traffic. */
    public static Map<String, Integer> rowCounts(Connection c) throws SQLException {
        Map<String, Integer> out = new TreeMap<>();
        for (String table : tables(c)) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM \"" + table + "\"")) {
                rs.next();
                out.put(table.toLowerCase(Locale.ROOT), rs.getInt(1));
            }
        }
        return out;
    }

    private static String raw(ResultSet rs, int i) throws SQLException {
        Object v = rs.getObject(i);
        if (v == null) {
            return null;
        }
        if (v instanceof byte[] b) {
            return new String(b, StandardCharsets.ISO_8859_1);
        }
        if (v instanceof java.sql.Blob blob) {
            return new String(blob.getBytes(1, (int) blob.length()), StandardCharsets.ISO_8859_1);
        }
        if (v instanceof java.sql.Clob clob) {
            return clob.getSubString(1, (int) clob.length());
        }
        return v.toString();
    }
}
