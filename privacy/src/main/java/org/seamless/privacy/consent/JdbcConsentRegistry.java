package org.seamless.privacy.consent;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.privacy.keys.FieldCipher;

/**
 * A {@link ConsentRegistry} over the {@code consent_record} table (migrations V2, V72), in plain JDBC.
 * Insert and select only: the table is append-only. Works on H2 and PostgreSQL. The NHS number is stored
 * encrypted, with a keyed blind index ({@code nhs_index}, V123) to find a person's history (ADR 0071).
 */
public class JdbcConsentRegistry implements ConsentRegistry {
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String COLUMNS = "nhs_number, reference, kind, purpose, scope_type, scope_value, "
            + "period_start, period_end, status, source, recorded_at, recorder";
    /** The column name the NHS number is encrypted and indexed under (associated data). */
    public static final String NHS_COLUMN = "consent_record.nhs_number";
    private static final String INSERT_INDEXED = "INSERT INTO consent_record (" + COLUMNS
            + ", nhs_index) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String BY_REFERENCE = "SELECT " + COLUMNS + " FROM consent_record WHERE reference = ? ORDER BY recorded_at, id";

    private final DataSource dataSource;
    private final FieldCipher cipher;

    public JdbcConsentRegistry(DataSource dataSource, FieldCipher cipher) {
        this.dataSource = dataSource;
        this.cipher = cipher;
    }

    @Override
    public boolean record(ConsentRecord record) {
        return inTransaction("record consent reference " + record.reference(), c -> {
            if (RecordChecks.alreadyRecorded(select(c, BY_REFERENCE, record.reference()), record)) {
                return false;
            }
            insert(c, record);
            return true;
        });
    }

    @Override
    public List<ConsentRecord> withdraw(String reference, Instant at, String source) {
        return inTransaction("withdraw consent reference " + reference, c -> {
            List<ConsentRecord> sameReference = select(c, BY_REFERENCE, reference);
            if (sameReference.isEmpty()) {
                throw new UnknownConsentReferenceException(reference);
            }
            List<ConsentRecord> withdrawals = ConsentResolver.withdrawalsFor(sameReference, at, source);
            for (ConsentRecord w : withdrawals) {
                insert(c, w);
            }
            return withdrawals;
        });
    }

    @Override
    public List<ConsentRecord> history(NhsNumber nhsNumber) {
        try (Connection c = dataSource.getConnection()) {
            List<String> indexes = cipher.indexes(NHS_COLUMN, nhsNumber.value());
            String sql = "SELECT " + COLUMNS + " FROM consent_record WHERE nhs_index IN ("
                    + String.join(",", java.util.Collections.nCopies(indexes.size(), "?")) + ") ORDER BY recorded_at, id";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < indexes.size(); i++) {
                    ps.setString(i + 1, indexes.get(i));
                }
                return read(ps);
            }
        } catch (SQLException e) {
            throw new ConsentRegistryException("could not read consent history", e);
        }
    }

    @Override
    public List<ConsentRecord> byReference(String reference) {
        try (Connection c = dataSource.getConnection()) {
            return select(c, BY_REFERENCE, reference);
        } catch (SQLException e) {
            throw new ConsentRegistryException("could not read consent records by reference", e);
        }
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T inTransaction(String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                // a concurrent attempt of the same step got there first
                throw new ConsentRegistryException("could not " + what + ": the same entry state was recorded concurrently", e);
            }
            throw new ConsentRegistryException("could not " + what, e);
        }
    }

    private void insert(Connection c, ConsentRecord r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_INDEXED)) {
            ps.setString(1, cipher.seal(NHS_COLUMN, r.nhsNumber().value()));
            ps.setString(13, cipher.index(NHS_COLUMN, r.nhsNumber().value()));
            ps.setString(2, r.reference());
            ps.setString(3, r.kind().name());
            ps.setString(4, r.purpose().code());
            ps.setString(5, r.recipient().type());
            ps.setString(6, r.recipient().value());
            ps.setObject(7, utc(r.periodStart()));
            if (r.periodEnd().isPresent()) {
                ps.setObject(8, utc(r.periodEnd().get()));
            } else {
                ps.setNull(8, Types.TIMESTAMP_WITH_TIMEZONE);
            }
            ps.setString(9, r.status().name());
            ps.setString(10, r.source());
            ps.setObject(11, utc(r.recordedAt()));
            ps.setString(12, r.recorder());
            ps.executeUpdate();
        }
    }

    private List<ConsentRecord> select(Connection c, String sql, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, key);
            return read(ps);
        }
    }

    private List<ConsentRecord> read(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            List<ConsentRecord> out = new ArrayList<>();
            while (rs.next()) {
                out.add(read(rs));
            }
            return out;
        }
    }

    private ConsentRecord read(ResultSet rs) throws SQLException {
        OffsetDateTime end = rs.getObject("period_end", OffsetDateTime.class);
        return new ConsentRecord(
                NhsNumber.parse(cipher.open(NHS_COLUMN, rs.getString("nhs_number"))),
                ConsentRecord.Kind.valueOf(rs.getString("kind")),
                Purpose.fromCode(rs.getString("purpose")).orElseThrow(
                        () -> new ConsentRegistryException("unknown purpose code in consent_record")),
                RecipientScope.of(rs.getString("scope_type"), rs.getString("scope_value")),
                rs.getObject("period_start", OffsetDateTime.class).toInstant(),
                Optional.ofNullable(end).map(OffsetDateTime::toInstant),
                ConsentRecord.Status.valueOf(rs.getString("status")),
                rs.getString("recorder"),
                rs.getString("reference"),
                rs.getObject("recorded_at", OffsetDateTime.class).toInstant());
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    @Override
    public String toString() {
        return "JdbcConsentRegistry";
    }
}
