package org.seamless.mappings.canonical;

/** An NHS number failed validation. The message names the rule broken, never the value. */
public class InvalidNhsNumberException extends IllegalArgumentException {

    /** Which rule the value broke. */
    public enum Reason {
        MISSING("NHS number is missing"),
        NOT_TEN_DIGITS("NHS number must be 10 digits (spaces and hyphens allowed)"),
        CHECK_DIGIT("NHS number fails the Modulus 11 check");

        private final String text;

        Reason(String text) {
            this.text = text;
        }
    }

    private final Reason reason;

    public InvalidNhsNumberException(Reason reason) {
        super(reason.text);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
