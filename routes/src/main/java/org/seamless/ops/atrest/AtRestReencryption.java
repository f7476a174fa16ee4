package org.seamless.ops.atrest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seamless.ops.atrest.AtRestColumns.Column;
import org.seamless.ops.atrest.AtRestColumns.Table;
import org.seamless.privacy.keys.FieldCipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Brings every encrypted column (ADR 0071, {@link AtRestColumns}) to the current keys: a clear value (a row
 * written before V123/V124) is encrypted and indexed, a value under an older key is decrypted and encrypted
 * again, an index under an older index key is made again. Walks each table in pages by primary key; an update
 * applies only if the row still holds what was read, so a row the hub replaced meanwhile is left as written.
 * Safe to run again at any time and on several instances (an already current row is not touched).
 */
public class AtRestReencryption {
    private static final Logger log = LoggerFactory.getLogger(AtRestReencryption.class);
    static final int PAGE = 500;

    private final JdbcTemplate jdbc;
    private final FieldCipher cipher;

    public AtRestReencryption(JdbcTemplate jdbc, FieldCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    /** One pass over every table; returns the rows rewritten per table. */
    public Map<String, Integer> run() {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Table t : AtRestColumns.TABLES) {
            int n = run(t);
            out.put(t.name(), n);
            if (n > 0) {
                log.info("at-rest pass: {} row(s) of {} encrypted under the current keys", n, t.name());
            }
        }
        return out;
    }

    int run(Table t) {
        List<String> select = new ArrayList<>(t.keys());
        for (Column c : t.columns()) {
            select.add(c.name());
            if (c.indexColumn() != null) {
                select.add(c.indexColumn());
            }
        }
        String order = String.join(", ", t.keys());
        String after = t.keys().size() == 1 ? t.keys().get(0) + " > ?"
                : "(" + order + ") > (" + String.join(", ", t.keys().stream().map(k -> "?").toList()) + ")";
        Object[] last = null;
        int rewritten = 0;
        int unreadable = 0;
        while (true) {
            String sql = "SELECT " + String.join(", ", select) + " FROM " + t.name()
                    + (last == null ? "" : " WHERE " + after) + " ORDER BY " + order;
            Object[] args = last == null ? new Object[0] : last;
            List<Object[]> rows = jdbc.query(con -> {
                var ps = con.prepareStatement(sql);
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                ps.setMaxRows(PAGE);
                return ps;
            }, (rs, i) -> {
                Object[] r = new Object[select.size()];
                for (int j = 0; j < r.length; j++) {
                    r[j] = rs.getObject(j + 1);
                }
                return r;
            });
            for (Object[] row : rows) {
                try {
                    rewritten += rewrite(t, row);
                } catch (IllegalStateException e) {
                    // why: a value under a key this store lacks (or altered) must not stop the start or the pass;
                    // the row stays as it is and is counted (no value, no key material in the log)
                    unreadable++;
                }
            }
            if (rows.size() < PAGE) {
                if (unreadable > 0) {
                    log.warn("at-rest pass: {} row(s) of {} could not be decrypted (a key this key store lacks, or"
                            + " altered) and were left as they are", unreadable, t.name());
                }
                return rewritten;
            }
            last = Arrays.copyOf(rows.get(rows.size() - 1), t.keys().size());
        }
    }

    private int rewrite(Table t, Object[] row) {
        List<String> sets = new ArrayList<>();
        List<Object> setArgs = new ArrayList<>();
        List<String> guards = new ArrayList<>();
        List<Object> guardArgs = new ArrayList<>();
        int i = t.keys().size();
        for (Column c : t.columns()) {
            String q = t.qualified(c);
            Object stored = row[i++];
            Object index = c.indexColumn() == null ? null : row[i++];
            if (stored == null) {
                continue;
            }
            if (c.bytes()) {
                byte[] b = stored instanceof byte[] bytes ? bytes : stored.toString().getBytes(StandardCharsets.UTF_8);
                if (!cipher.isCurrent(b)) {
                    sets.add(c.name() + " = ?");
                    setArgs.add(cipher.seal(q, cipher.open(q, b)));
                    guards.add(c.name() + " = ?");
                    guardArgs.add(b);
                }
                continue;
            }
            String s = stored.toString();
            String plain = null;
            if (!cipher.isCurrent(s)) {
                plain = cipher.open(q, s);
                sets.add(c.name() + " = ?");
                setArgs.add(cipher.seal(q, plain));
                guards.add(c.name() + " = ?");
                guardArgs.add(s);
            }
            if (c.indexColumn() != null && !cipher.isCurrentIndex((String) index)) {
                plain = plain != null ? plain : cipher.open(q, s);
                sets.add(c.indexColumn() + " = ?");
                setArgs.add(cipher.index(q, plain));
            }
        }
        if (sets.isEmpty()) {
            return 0;
        }
        List<Object> args = new ArrayList<>(setArgs);
        List<String> where = new ArrayList<>();
        for (int k = 0; k < t.keys().size(); k++) {
            where.add(t.keys().get(k) + " = ?");
            args.add(row[k]);
        }
        where.addAll(guards);
        args.addAll(guardArgs);
        return jdbc.update("UPDATE " + t.name() + " SET " + String.join(", ", sets) + " WHERE "
                + String.join(" AND ", where), args.toArray());
    }
}
