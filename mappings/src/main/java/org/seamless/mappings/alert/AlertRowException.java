package org.seamless.mappings.alert;

/** Why one extract row (or the header) cannot become an alert; the message names the column, never the value. */
public class AlertRowException extends RuntimeException {
    private final String code;

    public AlertRowException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
