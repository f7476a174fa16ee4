package org.seamless.hub.alerts;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.seamless.mappings.alert.AlertMessages;
import org.seamless.mappings.alert.SocialCareAlert;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.privacy.keys.FieldCipher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The hub's current social care flags ({@code alert_flag}): the latest canonical alert message per Flag
 * business identifier, kept to answer clinical systems' pulls. Written as the hub consumes each alert
 * message (before the privacy chain: each pull runs the chain itself); safe to repeat. The NHS number and the
 * message are stored encrypted, the number with a blind index to find a person's flags (ADR 0071).
 */
@Component
public class HubAlertStore {
    public static final String NHS = "alert_flag.nhs_number";
    public static final String MESSAGE = "alert_flag.message";
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final FieldCipher cipher;

    public HubAlertStore(JdbcTemplate jdbc, TransactionTemplate tx, Clock clock, FieldCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.tx = tx;
        this.clock = clock;
    }

    /** Keeps an alert message from {@code sourceAgencyId} (the owner of the inbound address it came from). */
    public void apply(Bundle message, String sourceAgencyId) {
        SocialCareAlert a = AlertMessages.alert(message, sourceAgencyId);
        String messageId = MessageBundles.messageId(message).orElseThrow();
        boolean active = AlertMessages.flag(message).map(f -> f.getStatus() == org.hl7.fhir.r4.model.Flag.FlagStatus.ACTIVE)
                .orElse(false);
        String json = MessageBundles.toJson(message);
        tx.executeWithoutResult(s -> {
            jdbc.update("DELETE FROM alert_flag WHERE flag_identifier = ?", a.identifierValue());
            jdbc.update("INSERT INTO alert_flag (flag_identifier, owner_agency, nhs_number, nhs_index, alert_type, active,"
                            + " end_date, review_date, message_id, message, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                    a.identifierValue(), sourceAgencyId, cipher.seal(NHS, a.nhsNumber().value()),
                    cipher.index(NHS, a.nhsNumber().value()), a.type().code(), active,
                    a.end() == null ? null : a.end().toString(), a.review() == null ? null : a.review().toString(),
                    messageId, cipher.seal(MESSAGE, json), Timestamp.from(clock.instant()));
        });
    }

    /** The current flag messages for a person, active ones only, with their owners. */
    public List<Stored> activeFor(String nhsNumber) {
        List<String> indexes = cipher.indexes(NHS, nhsNumber);
        return jdbc.query("SELECT owner_agency, message FROM alert_flag WHERE nhs_index IN ("
                        + String.join(",", java.util.Collections.nCopies(indexes.size(), "?")) + ") AND active = TRUE"
                        + " ORDER BY flag_identifier",
                (rs, i) -> new Stored(rs.getString(1), MessageBundles.parse(cipher.open(MESSAGE, rs.getString(2)))),
                indexes.toArray());
    }

    public record Stored(String owner, Bundle message) {
    }
}
