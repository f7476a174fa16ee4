package org.seamless.mappings.consent;

/**
 * Input to a consent front door (JSON form, CSV row) is not well formed. The message names the
 * field and the rule broken, never a value.
 */
public class ConsentInputException extends RuntimeException {
    private final String code;
    private final String field;

    public ConsentInputException(String code, String field, String message) {
        super(message + " (field " + field + ")");
        this.code = code;
        this.field = field;
    }

    /** A stable machine-readable code, e.g. {@code unknown-decision}. */
    public String code() {
        return code;
    }

    /** The offending field or column. */
    public String field() {
        return field;
    }
}
