package org.seamless.privacy.record;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * Writes one row per decided leg to the {@code disclosure} table. Idempotent on
 * (message id, recipient, replay generation): a repeated step after a crash finds the row
 * already there and leaves it as it was.
 */
public class JdbcDisclosureRecorder implements DisclosureRecorder {
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String INSERT = """
            INSERT INTO disclosure (message_id, recipient_agency, replay_generation, event_code, source_agency,
              subject_index, outcome, rule_id, purpose, legal_basis, consent_ref, override_reason,
              data_classes, payload_digest, decided_at, recorded_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private final DataSource dataSource;
    private final SubjectIndex subjectIndex;

    public JdbcDisclosureRecorder(DataSource dataSource, SubjectIndex subjectIndex) {
        this.dataSource = dataSource;
        this.subjectIndex = subjectIndex;
    }

    @Override
    public void record(DisclosureRecord r) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT)) {
            var req = r.request();
            var d = r.decision();
            ps.setString(1, req.messageId());
            ps.setString(2, req.recipient().id());
            ps.setInt(3, r.replayGeneration());
            ps.setString(4, req.event().code());
            ps.setString(5, req.source().id());
            ps.setString(6, subjectIndex.indexOf(req.subject()));
            ps.setString(7, d.outcome().name());
            ps.setString(8, d.ruleId());
            ps.setString(9, d.purpose());
            ps.setString(10, d.legalBasis());
            setOptional(ps, 11, d.consentReference().orElse(null));
            setOptional(ps, 12, d.overrideReason().orElse(null));
            ps.setString(13, String.join(",", new TreeSet<>(r.dataClasses())));
            setOptional(ps, 14, r.payloadDigest().orElse(null));
            ps.setTimestamp(15, Timestamp.from(req.at()));
            ps.setTimestamp(16, Timestamp.from(r.recordedAt()));
            ps.executeUpdate();
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return; // already recorded by an earlier attempt of this same step
            }
            throw new IllegalStateException("could not record disclosure for message " + r.request().messageId(), e);
        }
    }

    private static void setOptional(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }
}
