package org.seamless.ledger.subjectaccess;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.seamless.hub.alerts.HubAlertStore;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.privacy.consent.ConsentRegistry;
import org.seamless.privacy.identify.Subject;
import org.seamless.privacy.keys.FieldCipher;
import org.seamless.privacy.ledger.LedgerEntry;
import org.seamless.privacy.ledger.LedgerQueries;
import org.seamless.privacy.record.SubjectIndex;
import org.seamless.ops.replay.InboundMessages;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads everything held about one person (ADR 0070). The ledger finds the person by keyed index;
 * messages and referrals are found through the ledger's message ids (they hold no NHS number of their
 * own to search by); the consent registry and the alert table by NHS number, the alert table through its
 * keyed index (values at rest are encrypted, ADR 0071).
 */
public class SubjectAccessCollector {
    private final ConsentRegistry consents;
    private final LedgerQueries ledger;
    private final SubjectIndex index;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final FieldCipher cipher;

    public SubjectAccessCollector(ConsentRegistry consents, LedgerQueries ledger, SubjectIndex index, JdbcTemplate jdbc,
                                  Clock clock, FieldCipher cipher) {
        this.cipher = cipher;
        this.consents = consents;
        this.ledger = ledger;
        this.index = index;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public SubjectAccessData collect(NhsNumber nhs) {
        List<LedgerEntry> entries = ledger.bySubject(index.indexOf(Subject.identified(nhs)));
        Set<String> keys = new LinkedHashSet<>();
        Set<String> messageIds = new LinkedHashSet<>();
        for (LedgerEntry e : entries) {
            if (e.sourceAgency() != null) {
                keys.add(e.sourceAgency() + '\u0000' + e.messageId());
            }
            messageIds.add(e.messageId());
        }
        List<SubjectAccessData.HeldMessage> held = new ArrayList<>();
        for (String key : keys) {
            String[] parts = key.split("\u0000", 2);
            jdbc.query("SELECT source_agency, message_id, event_code, received_at, payload FROM inbound_message"
                    + " WHERE source_agency = ? AND message_id = ?", rs -> {
                held.add(new SubjectAccessData.HeldMessage(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant(),
                        new String(cipher.open(InboundMessages.PAYLOAD, rs.getBytes(5)), StandardCharsets.UTF_8)));
            }, parts[0], parts[1]);
        }
        List<SubjectAccessData.Referral> referrals = new ArrayList<>();
        for (String id : messageIds) {
            jdbc.query("SELECT referral_id, agency_id, role, counterpart, status, outcome_id, updated_at FROM vcs_referral"
                    + " WHERE referral_id = ? ORDER BY agency_id", rs -> {
                referrals.add(new SubjectAccessData.Referral(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), instant(rs.getTimestamp(7))));
            }, id);
        }
        List<String> indexes = cipher.indexes(HubAlertStore.NHS, nhs.value());
        List<SubjectAccessData.Alert> alerts = jdbc.query("SELECT flag_identifier, owner_agency, alert_type, active,"
                + " end_date, review_date, updated_at FROM alert_flag WHERE nhs_index IN ("
                + String.join(",", java.util.Collections.nCopies(indexes.size(), "?")) + ") ORDER BY flag_identifier",
                (rs, i) -> new SubjectAccessData.Alert(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getBoolean(4), rs.getString(5), rs.getString(6), instant(rs.getTimestamp(7))), indexes.toArray());
        return new SubjectAccessData(UUID.randomUUID().toString(), LedgerEntry.stored(clock.instant()), nhs,
                consents.history(nhs), entries, held, alerts, referrals);
    }

    private static java.time.Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
