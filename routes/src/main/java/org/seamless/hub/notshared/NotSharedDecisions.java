package org.seamless.hub.notshared;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.seamless.mappings.canonical.Digests;
import org.seamless.privacy.keys.FieldCipher;
import org.seamless.privacy.notshared.NotSharedRegister;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Table {@code not_shared_decision} (ADR 0082): the recorded decisions not to share, read by the privacy
 * chain for every leg ({@link NotSharedRegister}) and by the IG report. Who decided, their role and the
 * reason are encrypted at rest (ADR 0071); the record's digest is the one on its ledger entry.
 */
public class NotSharedDecisions implements NotSharedRegister {
    static final String DECIDED_BY = "not_shared_decision.decided_by";
    static final String ROLE = "not_shared_decision.decider_role";
    static final String REASON = "not_shared_decision.reason";

    private final JdbcTemplate jdbc;
    private final FieldCipher cipher;

    public NotSharedDecisions(JdbcTemplate jdbc, FieldCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    /** One recorded decision. {@code recipients} empty: not shared with anyone. */
    public record Recorded(String id, String itemKey, List<String> recipients, String recordedBy, String decidedBy,
                           String deciderRole, String reason, String subjectIndex, Instant recordedAt) {
        public Recorded {
            recipients = List.copyOf(recipients);
        }

        /** The digest of the whole record, on its ledger entry: the table row cannot change unseen. */
        public String digest() {
            return Digests.sha256Hex(String.join("\u0000", id, itemKey, String.join(",", recipients), recordedBy,
                    decidedBy, deciderRole, reason, subjectIndex, recordedAt.toString()).getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String toString() { // why: no names or reasons in logs
            return "Recorded[id=" + id + ", recordedBy=" + recordedBy + "]";
        }
    }

    public Recorded record(String itemKey, List<String> recipients, String recordedBy, String decidedBy,
                           String deciderRole, String reason, String subjectIndex, Instant at) {
        Recorded r = new Recorded(UUID.randomUUID().toString(), itemKey, recipients, recordedBy, decidedBy, deciderRole,
                reason, subjectIndex, at);
        jdbc.update("INSERT INTO not_shared_decision (id, item_key, recipients, recorded_by, decided_by, decider_role,"
                        + " reason, subject_index, recorded_at, record_digest) VALUES (?,?,?,?,?,?,?,?,?,?)",
                r.id(), itemKey, recipients.isEmpty() ? null : String.join(",", recipients), recordedBy,
                cipher.seal(DECIDED_BY, decidedBy), cipher.seal(ROLE, deciderRole), cipher.seal(REASON, reason),
                subjectIndex, Timestamp.from(at), r.digest());
        return r;
    }

    @Override
    public Optional<Match> find(Set<String> itemKeys, String recipient) {
        if (itemKeys.isEmpty()) {
            return Optional.empty();
        }
        List<Object> args = new ArrayList<>(itemKeys);
        List<Match> found = new ArrayList<>();
        jdbc.query("SELECT id, item_key, recipients, recorded_by FROM not_shared_decision WHERE item_key IN ("
                        + String.join(",", Collections.nCopies(itemKeys.size(), "?")) + ") ORDER BY recorded_at, id",
                rs -> {
                    String to = rs.getString(3);
                    if (to == null || List.of(to.split(",")).contains(recipient)) {
                        found.add(new Match(rs.getString(1), rs.getString(2), rs.getString(4)));
                    }
                }, args.toArray());
        return found.stream().findFirst();
    }

    /** The decisions recorded about a person (by keyed index), oldest first, decrypted for the IG report. */
    public List<Recorded> forSubject(String subjectIndex) {
        return jdbc.query("SELECT id, item_key, recipients, recorded_by, decided_by, decider_role, reason, subject_index,"
                        + " recorded_at FROM not_shared_decision WHERE subject_index = ? ORDER BY recorded_at, id",
                (rs, i) -> new Recorded(rs.getString(1), rs.getString(2),
                        rs.getString(3) == null ? List.of() : List.of(rs.getString(3).split(",")), rs.getString(4),
                        cipher.open(DECIDED_BY, rs.getString(5)), cipher.open(ROLE, rs.getString(6)),
                        cipher.open(REASON, rs.getString(7)), rs.getString(8), rs.getTimestamp(9).toInstant()),
                subjectIndex);
    }

    /** One decision by id, decrypted. */
    public Optional<Recorded> byId(String id) {
        return jdbc.query("SELECT id, item_key, recipients, recorded_by, decided_by, decider_role, reason, subject_index,"
                        + " recorded_at FROM not_shared_decision WHERE id = ?",
                (rs, i) -> new Recorded(rs.getString(1), rs.getString(2),
                        rs.getString(3) == null ? List.of() : List.of(rs.getString(3).split(",")), rs.getString(4),
                        cipher.open(DECIDED_BY, rs.getString(5)), cipher.open(ROLE, rs.getString(6)),
                        cipher.open(REASON, rs.getString(7)), rs.getString(8), rs.getTimestamp(9).toInstant()), id)
                .stream().findFirst();
    }
}
