package org.seamless.hub.answers;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.seamless.mappings.answer.NoticeAnswer;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The {@code notice_answer} table: every answer the hub took in, keyed by the response message id. */
@Component
public class NoticeAnswerLog {
    private final JdbcTemplate jdbc;

    static final String REASON = "notice_answer.reason";
    private final org.seamless.privacy.keys.FieldCipher cipher;

    /** The LA's free-text reason is stored encrypted (ADR 0071). */
    public NoticeAnswerLog(JdbcTemplate jdbc, org.seamless.privacy.keys.FieldCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    /** Records an answer; the same response message again (a redelivery or replay) changes nothing. */
    public void record(String responseMessageId, NoticeAnswer answer, String noticeSource, String answeringAgency,
                       Instant at) {
        try {
            jdbc.update("INSERT INTO notice_answer (response_message_id, notice_message_id, notice_source_agency,"
                    + " answering_agency, outcome, reason, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    responseMessageId, answer.noticeMessageId(), noticeSource, answeringAgency,
                    answer.outcome().code(), cipher.seal(REASON, answer.reason().orElse(null)), Timestamp.from(at));
        } catch (DuplicateKeyException e) {
            // already recorded: the answer is a fact, the first record stands
        }
    }

    /** One recorded answer. */
    public record Answer(String responseMessageId, String noticeSource, String answeringAgency, String outcome,
                         String reason, Instant answeredAt) {
        @Override
        public String toString() {
            return "Answer[" + responseMessageId + ", " + outcome + "]";
        }
    }

    /** Every answer to a notice id, oldest first. */
    public List<Answer> forNotice(String noticeMessageId) {
        return jdbc.query("SELECT response_message_id, notice_source_agency, answering_agency, outcome, reason,"
                + " answered_at FROM notice_answer WHERE notice_message_id = ? ORDER BY answered_at, response_message_id",
                (rs, i) -> new Answer(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        cipher.open(REASON, rs.getString(5)), rs.getTimestamp(6).toInstant()), noticeMessageId);
    }
}
