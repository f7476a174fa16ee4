package org.seamless.mappings.canonical;

/**
 * Input that cannot be accepted, named by a stable reason code (for faults, problem responses,
 * rejects files and the quarantine) and the field, column or element at fault. The message never
 * repeats the value sent.
 */
public class FieldProblemException extends RuntimeException {
    private final String code;
    private final String field;

    public FieldProblemException(String code, String field, String message) {
        super(message);
        this.code = code;
        this.field = field;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }
}
