package org.seamless.hub.answers;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What the hub knows about a Care Act notice's legs, from the disclosure ledger: which agency sent
 * it, and whether a given local authority was released a copy. Answers are checked against this.
 */
@Component
public class NoticeLegs {
    static final String NOTICE_EVENTS = "('admission-notice','assessment-notice','discharge-notice','withdrawal-notice')";

    private final JdbcTemplate jdbc;

    public NoticeLegs(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The agencies whose notice with this id was released to {@code recipient} (normally one; two
     * only if two trusts reused an id and both notices went to the same LA).
     */
    public List<String> sourcesReleasedTo(String noticeMessageId, String recipient) {
        return jdbc.queryForList("SELECT DISTINCT source_agency FROM ledger_entry WHERE message_id = ?"
                + " AND recipient_agency = ? AND entry_kind = 'RELEASE' AND event_code IN " + NOTICE_EVENTS,
                String.class, noticeMessageId, recipient);
    }

    /**
     * The one source agency of the notice released to {@code recipient}; an {@link AnswerProblem} otherwise,
     * the same one for an unknown id and for a notice released to others.
     */
    public String sourceFor(String noticeMessageId, String recipient) {
        List<String> sources = sourcesReleasedTo(noticeMessageId, recipient);
        if (sources.size() == 1) {
            return sources.get(0);
        }
        if (sources.size() > 1) {
            throw new AnswerProblem("ambiguous-message-id", "message_id",
                    "more than one notice with this message id was sent to you; answer by another channel");
        }
        // why: one answer whether the id is unknown or another council's notice, so that an answer does not
        // tell the council whether a message id exists (ADR 0038)
        throw new AnswerProblem("unknown-message", "message_id", "no notice with this message id was sent to you");
    }

    public Optional<String> anySource(String noticeMessageId) {
        return jdbc.queryForList("SELECT source_agency FROM inbound_receipt WHERE message_id = ?", String.class,
                noticeMessageId).stream().findFirst();
    }
}
