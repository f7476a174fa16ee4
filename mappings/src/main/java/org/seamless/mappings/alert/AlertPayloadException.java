package org.seamless.mappings.alert;

import org.seamless.mappings.canonical.FieldProblemException;

/**
 * An ITK alert payload that cannot become an alert: {@code code} is a stable reason code (for the
 * fault and the quarantine), {@code field} the element at fault; the message never repeats a value.
 */
public class AlertPayloadException extends FieldProblemException {

    public AlertPayloadException(String code, String field, String message) {
        super(code, field, message);
    }
}
