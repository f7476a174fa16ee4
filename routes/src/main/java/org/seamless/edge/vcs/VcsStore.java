package org.seamless.edge.vcs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.seamless.adapters.spi.AgencyMailbox;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The voluntary organisations' side of the database: the mailbox the vcs-webhook sinks keep released
 * messages in ({@code vcs_mailbox}) and the referrals each organisation may read ({@code vcs_referral}).
 * Every read is scoped by agency id in its WHERE clause: there is no query that crosses organisations.
 * Mailbox bodies are stored encrypted (ADR 0071).
 */
@Component
public class VcsStore implements AgencyMailbox {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final JdbcTemplate jdbc;
    private final Clock clock;
    static final String BODY = "vcs_mailbox.body";
    private final org.seamless.privacy.keys.FieldCipher cipher;

    public VcsStore(JdbcTemplate jdbc, Clock clock, org.seamless.privacy.keys.FieldCipher cipher) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.cipher = cipher;
    }

    @Override
    public void keep(Item item, boolean pull) {
        try {
            jdbc.update("INSERT INTO vcs_mailbox (agency_id, event_id, message_id, replay_generation, event_code,"
                            + " content_type, body, pull, kept_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    item.agencyId(), item.eventId(), item.messageId(), item.replayGeneration(), item.event(),
                    item.contentType(), cipher.seal(BODY, item.body().getBytes(StandardCharsets.UTF_8)), pull, now());
        } catch (DuplicateKeyException e) {
            // a redelivery of an event already kept; the referral row below is idempotent too
        }
        // why: no shared transaction, so a crash between the two writes is healed by the redelivery
        if ("referral".equals(item.event())) {
            record(item.messageId(), item.agencyId(), "received", referrer(item.body()), "received");
        } else if ("referral-outcome".equals(item.event())) {
            // why: the referrer's own view of its referral shows that the outcome has arrived
            field(item.body(), "referralId").ifPresent(referralId -> jdbc.update("UPDATE vcs_referral SET status = ?,"
                    + " outcome_id = ?, updated_at = ? WHERE referral_id = ? AND agency_id = ? AND role = ?",
                    OUTCOME_RECEIVED, item.messageId(), now(), referralId, item.agencyId(), "sent"));
        }
    }

    /** The status of a sent referral once the receiving organisation's outcome has been delivered to its referrer. */
    public static final String OUTCOME_RECEIVED = "outcome-received";

    private static Optional<String> field(String body, String name) {
        try {
            JsonNode v = JSON.readTree(body).get(name);
            return v == null || !v.isTextual() ? Optional.empty() : Optional.of(v.asText());
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    /** Records a referral row unless there is one for (referral, agency). */
    public void record(String referralId, String agencyId, String role, String counterpart, String status) {
        try {
            jdbc.update("INSERT INTO vcs_referral (referral_id, agency_id, role, counterpart, status, created_at,"
                    + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)", referralId, agencyId, role, counterpart, status,
                    now(), now());
        } catch (DuplicateKeyException e) {
            // known already (a replay delivers the same referral again)
        }
    }

    /** Records the latest outcome an organisation reported on a referral it received. */
    public void outcome(String referralId, String agencyId, String status, String outcomeId) {
        jdbc.update("UPDATE vcs_referral SET status = ?, outcome_id = ?, updated_at = ? WHERE referral_id = ?"
                + " AND agency_id = ?", status, outcomeId, now(), referralId, agencyId);
    }

    /** One pull-inbox item. */
    public record InboxItem(long seq, String eventId, String event, String contentType, String body, Timestamp keptAt) {
    }

    /** Unacknowledged pull-inbox items after {@code afterSeq}, oldest first. */
    public List<InboxItem> inbox(String agencyId, long afterSeq, int limit) {
        return jdbc.query("SELECT seq, event_id, event_code, content_type, body, kept_at FROM vcs_mailbox"
                        + " WHERE agency_id = ? AND pull = ? AND acked_at IS NULL AND seq > ? ORDER BY seq",
                ps -> {
                    ps.setString(1, agencyId);
                    ps.setBoolean(2, true);
                    ps.setLong(3, afterSeq);
                    ps.setMaxRows(limit);
                }, (rs, i) -> new InboxItem(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        new String(cipher.open(BODY, rs.getBytes(5)), StandardCharsets.UTF_8), rs.getTimestamp(6)));
    }

    /** Acknowledges every pull-inbox item up to and including {@code cursor}; returns how many were newly acked. */
    public int acknowledge(String agencyId, long cursor) {
        return jdbc.update("UPDATE vcs_mailbox SET acked_at = ? WHERE agency_id = ? AND pull = ? AND seq <= ?"
                + " AND acked_at IS NULL", now(), agencyId, true, cursor);
    }

    /** Items still waiting in an agency's pull inbox. */
    public int waiting(String agencyId) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM vcs_mailbox WHERE agency_id = ? AND pull = ?"
                + " AND acked_at IS NULL", Integer.class, agencyId, true);
        return n == null ? 0 : n;
    }

    /** A referral as its organisation sees it. */
    public record Referral(String referralId, String role, String counterpart, String status, String outcomeId,
                           Timestamp createdAt, Timestamp updatedAt) {
    }

    /** The organisation's own referrals, newest first. */
    public List<Referral> referrals(String agencyId, int limit) {
        return jdbc.query("SELECT referral_id, role, counterpart, status, outcome_id, created_at, updated_at"
                + " FROM vcs_referral WHERE agency_id = ? ORDER BY created_at DESC, referral_id",
                ps -> {
                    ps.setString(1, agencyId);
                    ps.setMaxRows(limit);
                }, VcsStore::referral);
    }

    /** One of the organisation's own referrals; another organisation's is simply not found. */
    public Optional<Referral> referral(String agencyId, String referralId) {
        return jdbc.query("SELECT referral_id, role, counterpart, status, outcome_id, created_at, updated_at"
                + " FROM vcs_referral WHERE agency_id = ? AND referral_id = ?", VcsStore::referral, agencyId,
                referralId).stream().findFirst();
    }

    /** The referral as it was released to this organisation (latest replay generation). */
    public Optional<JsonNode> released(String agencyId, String referralId) {
        return jdbc.query("SELECT body FROM vcs_mailbox WHERE agency_id = ? AND message_id = ? AND event_code = ?"
                + " ORDER BY replay_generation DESC", (rs, i) -> cipher.open(BODY, rs.getBytes(1)), agencyId, referralId, "referral")
                .stream().findFirst().map(b -> {
                    try {
                        return JSON.readTree(b);
                    } catch (java.io.IOException e) {
                        return null; // a FHIR body of an event the views do not cover: not shown as a referral
                    }
                });
    }

    /** The referring agency as the released referral states it (absent from a pseudonymised notice). */
    private static String referrer(String body) {
        try {
            JsonNode from = JSON.readTree(body).get("from");
            return from == null || !from.isTextual() ? null : from.asText();
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static Referral referral(ResultSet rs, int i) throws SQLException {
        return new Referral(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getTimestamp(6), rs.getTimestamp(7));
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }
}
