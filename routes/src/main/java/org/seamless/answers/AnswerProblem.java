package org.seamless.answers;

/**
 * An answer that names a notice the answering agency may not answer: {@code code} is stable
 * ({@code unknown-message}, {@code not-a-recipient}, {@code ambiguous-message-id}, or a
 * {@link org.seamless.mappings.answer.NoticeAnswerException} code); the message names no value.
 */
public class AnswerProblem extends RuntimeException {
    private final String code;
    private final String location;

    public AnswerProblem(String code, String location, String message) {
        super(message);
        this.code = code;
        this.location = location;
    }

    public String code() {
        return code;
    }

    public String location() {
        return location;
    }
}
