package org.seamless.mappings.answer;

import org.seamless.mappings.canonical.FieldProblemException;

/**
 * An answer that cannot be read: {@code code} is a stable reason code (for rejects files and the
 * quarantine), {@code field} the column or element at fault; the message never repeats a value.
 */
public class NoticeAnswerException extends FieldProblemException {

    public NoticeAnswerException(String code, String field, String message) {
        super(code, field, message);
    }
}
