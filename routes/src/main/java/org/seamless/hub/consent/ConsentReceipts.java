package org.seamless.hub.consent;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Receipts of consent submissions (ADR 0040, table {@code consent_receipt}): {@code pending} once the
 * inbound gate holds the consent-update message, then {@code applied} when the hub has written it to
 * the consent registry, or {@code refused} with a reason code when the hub (or a later check) will
 * not apply it. The receipt id is the consent-update message id. Reads are scoped by the submitting agency.
 */
@Component
public class ConsentReceipts {
    public static final String PENDING = "pending";
    public static final String APPLIED = "applied";
    public static final String REFUSED = "refused";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public ConsentReceipts(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** One receipt as its agency sees it. */
    public record Receipt(String receiptId, String status, String reasonCode, String reason, Instant createdAt,
                          Instant updatedAt) {
    }

    /** Records that the submission was accepted; a repeat (a duplicate submission) changes nothing. */
    public void pending(String receiptId, String sourceAgency) {
        Timestamp now = Timestamp.from(clock.instant());
        try {
            jdbc.update("INSERT INTO consent_receipt (receipt_id, source_agency, status, created_at, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?)", receiptId, sourceAgency, PENDING, now, now);
        } catch (DuplicateKeyException e) {
            // the same consent-update message again: its receipt is already on record
        }
    }

    /** The hub applied the consent-update to the consent registry. */
    public void applied(String receiptId, String sourceAgency) {
        settle(receiptId, sourceAgency, APPLIED, null, null);
    }

    /**
     * The consent-update will not be applied. {@code reasonCode} is a stable code; {@code reason} a
     * sentence for the agency that must not repeat values from the submission.
     */
    public void refused(String receiptId, String sourceAgency, String reasonCode, String reason) {
        settle(receiptId, sourceAgency, REFUSED, reasonCode, reason);
    }

    /** The agency's own receipt; another agency's is simply not found. */
    public Optional<Receipt> find(String receiptId, String sourceAgency) {
        return jdbc.query("SELECT receipt_id, status, reason_code, reason, created_at, updated_at FROM consent_receipt"
                        + " WHERE receipt_id = ? AND source_agency = ?",
                (rs, i) -> new Receipt(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant()), receiptId, sourceAgency)
                .stream().findFirst();
    }

    private void settle(String receiptId, String sourceAgency, String status, String code, String reason) {
        Timestamp now = Timestamp.from(clock.instant());
        // why: a consent-update from another edge (CSV inbox, FHIR) has no pending row; it gets one here
        if (jdbc.update("UPDATE consent_receipt SET status = ?, reason_code = ?, reason = ?, updated_at = ?"
                + " WHERE receipt_id = ? AND source_agency = ?", status, code, reason, now, receiptId, sourceAgency) == 0) {
            try {
                jdbc.update("INSERT INTO consent_receipt (receipt_id, source_agency, status, reason_code, reason,"
                        + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)", receiptId, sourceAgency, status, code,
                        reason, now, now);
            } catch (DuplicateKeyException e) {
                settle(receiptId, sourceAgency, status, code, reason);
            }
        }
    }
}
