package org.seamless.hub.answers;

import org.hl7.fhir.r4.model.Bundle;
import org.seamless.mappings.answer.NoticeAnswer;
import org.seamless.mappings.answer.NoticeAnswerException;
import org.seamless.mappings.answer.NoticeAnswerMessages;
import org.seamless.mappings.canonical.AgencyKind;
import org.seamless.adapters.registry.AgencyConfig;
import org.springframework.stereotype.Component;

/**
 * The inbound gate's check of a {@code notice-response} (the hub repeats it): the message carries a
 * readable answer, comes from a local authority, and answers a notice that was released to that
 * local authority. Returns the answer and the notice's source agency.
 */
@Component
public class AnswerValidation {
    private final NoticeLegs legs;

    public AnswerValidation(NoticeLegs legs) {
        this.legs = legs;
    }

    /** The checked answer; throws {@link AnswerProblem} naming what is wrong. */
    public Checked validate(Bundle response, AgencyConfig answering) {
        if (answering.kind() != AgencyKind.LOCAL_AUTHORITY) {
            throw new AnswerProblem("not-a-local-authority", "MessageHeader.event",
                    "only a local authority answers a Care Act notice");
        }
        NoticeAnswer answer;
        try {
            answer = NoticeAnswerMessages.answerOf(response);
        } catch (NoticeAnswerException e) {
            throw new AnswerProblem(e.code(), e.field(), e.getMessage());
        }
        return new Checked(answer, legs.sourceFor(answer.noticeMessageId(), answering.id()));
    }

    /** A valid answer and the agency that sent the notice it answers. */
    public record Checked(NoticeAnswer answer, String noticeSource) {
    }
}
