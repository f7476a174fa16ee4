package org.seamless.mappings.answer;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A local authority's answer to one Care Act notice, as it arrives at an edge (a row of a
 * {@code responses-*.csv} file or the payload of an ITK call): which notice ({@code MessageHeader.id}
 * of the original), accepted or rejected, and for a rejection the reason. Construct with
 * {@link #of}, which checks every field and throws {@link NoticeAnswerException} naming the rule.
 */
public record NoticeAnswer(String noticeMessageId, Outcome outcome, Optional<String> reason) {
    /** Largest reason accepted, in characters. */
    public static final int MAX_REASON = 1000;
    // why: the FHIR id datatype, which MessageHeader.id (the original message id) must match
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    /** The LA's decision. */
    public enum Outcome {
        ACCEPTED, REJECTED;

        /** {@code accepted} or {@code rejected}, any case, surrounding spaces ignored. */
        public static Outcome parse(String value) {
            String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
            return switch (v) {
                case "accepted" -> ACCEPTED;
                case "rejected" -> REJECTED;
                case "" -> throw new NoticeAnswerException("missing-outcome", "outcome", "the outcome is missing");
                default -> throw new NoticeAnswerException("bad-outcome", "outcome",
                        "the outcome must be 'accepted' or 'rejected'");
            };
        }

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static NoticeAnswer of(String messageId, String outcome, String reason) {
        String id = messageId == null ? "" : messageId.strip();
        if (id.isEmpty()) {
            throw new NoticeAnswerException("missing-message-id", "message_id", "the message id is missing");
        }
        if (!FHIR_ID.matcher(id).matches()) {
            throw new NoticeAnswerException("bad-message-id", "message_id",
                    "the message id must be the notice's MessageHeader.id (1 to 64 letters, digits, '-' or '.')");
        }
        Outcome o = Outcome.parse(outcome);
        String r = reason == null ? "" : reason.strip();
        if (r.length() > MAX_REASON) {
            throw new NoticeAnswerException("reason-too-long", "reason",
                    "the reason is longer than " + MAX_REASON + " characters");
        }
        if (r.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            throw new NoticeAnswerException("bad-reason", "reason", "the reason contains control characters");
        }
        if (o == Outcome.REJECTED && r.isEmpty()) {
            throw new NoticeAnswerException("missing-reason", "reason", "a rejection needs a reason");
        }
        return new NoticeAnswer(id, o, r.isEmpty() ? Optional.empty() : Optional.of(r));
    }

    @Override
    public String toString() {
        // why: the reason is free text written by a social worker and may name the person
        return "NoticeAnswer[" + noticeMessageId + ", " + outcome.code() + "]";
    }
}
