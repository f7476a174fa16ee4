package org.seamless.hub.answers;

/**
 * An answer that names a notice the answering agency may not answer: {@code code} is stable
 * ({@code unknown-message}: unknown, or not released to the answering agency; {@code not-a-local-authority},
 * {@code ambiguous-message-id}, or a
 * {@link org.seamless.mappings.answer.NoticeAnswerException} code); the message names no value.
 */
public class AnswerProblem extends org.seamless.mappings.canonical.FieldProblemException {
    public AnswerProblem(String code, String location, String message) {
        super(code, location, message);
    }

    /** The element at fault ({@link #field()}). */
    public String location() {
        return field();
    }
}
