package org.seamless.ops.console.ops;

import org.seamless.app.security.web.OperatorActions;

/**
 * The reason a person gives for a change made in the console: required, at most
 * {@link OperatorActions#MAX_REASON} characters, kept in {@code operator_action} with the change.
 */
public record Reason(String text) {

    /** The reason as typed, trimmed; refused with a message the page shows when it is empty or too long. */
    public static Reason of(String raw, String forWhat) {
        String text = raw == null ? "" : raw.strip();
        if (text.isEmpty()) {
            throw new Invalid("Enter a reason for " + forWhat);
        }
        if (text.length() > OperatorActions.MAX_REASON) {
            throw new Invalid("The reason must be " + OperatorActions.MAX_REASON + " characters or fewer");
        }
        return new Reason(text);
    }

    /** A request the console refuses before changing anything; the message is shown to the person. */
    public static class Invalid extends RuntimeException {
        public Invalid(String message) {
            super(message);
        }
    }
}
