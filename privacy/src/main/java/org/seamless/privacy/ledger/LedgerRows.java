package org.seamless.privacy.ledger;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.OffsetDateTime;

/** Maps ledger entries to and from the {@code ledger_entry} table. */
final class LedgerRows {
    static final String COLUMNS = "seq, entry_kind, message_id, recipient_agency, replay_generation, event_code,"
            + " source_agency, subject_index, outcome, rule_id, purpose, legal_basis, consent_ref, override_reason,"
            + " data_classes, payload_digest, occurred_at, recorded_at, entry_hash, consent_recorder, linked_subject";
    static final String INSERT = "INSERT INTO ledger_entry (" + COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private LedgerRows() {
    }

    static LedgerEntry read(ResultSet rs) throws SQLException {
        return new LedgerEntry(rs.getLong("seq"), EntryKind.valueOf(rs.getString("entry_kind")),
                rs.getString("message_id"), rs.getString("recipient_agency"), rs.getInt("replay_generation"),
                rs.getString("event_code"), rs.getString("source_agency"), rs.getString("subject_index"),
                rs.getString("outcome"), rs.getString("rule_id"), rs.getString("purpose"),
                rs.getString("legal_basis"), rs.getString("consent_ref"), rs.getString("override_reason"),
                rs.getString("data_classes"), rs.getString("payload_digest"),
                rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                rs.getObject("recorded_at", OffsetDateTime.class).toInstant(), rs.getString("entry_hash"),
                rs.getString("consent_recorder"), rs.getString("linked_subject"));
    }

    static void bind(PreparedStatement ps, LedgerEntry e) throws SQLException {
        ps.setLong(1, e.seq());
        ps.setString(2, e.kind().name());
        ps.setString(3, e.messageId());
        ps.setString(4, e.recipient());
        ps.setInt(5, e.replayGeneration());
        String[] texts = {e.eventCode(), e.sourceAgency(), e.subjectIndex(), e.outcome(), e.ruleId(), e.purpose(),
                e.legalBasis(), e.consentRef(), e.overrideReason(), e.dataClasses(), e.payloadDigest()};
        for (int i = 0; i < texts.length; i++) {
            if (texts[i] == null) {
                ps.setNull(6 + i, Types.VARCHAR);
            } else {
                ps.setString(6 + i, texts[i]);
            }
        }
        ps.setTimestamp(17, Timestamp.from(e.occurredAt()));
        ps.setTimestamp(18, Timestamp.from(e.recordedAt()));
        ps.setString(19, e.entryHash());
        if (e.consentRecorder() == null) {
            ps.setNull(20, Types.VARCHAR);
        } else {
            ps.setString(20, e.consentRecorder());
        }
        if (e.linkedSubject() == null) {
            ps.setNull(21, Types.VARCHAR);
        } else {
            ps.setString(21, e.linkedSubject());
        }
    }
}
