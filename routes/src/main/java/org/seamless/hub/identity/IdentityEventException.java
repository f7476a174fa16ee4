package org.seamless.hub.identity;

/**
 * An identity event the subscriber cannot act on. {@code code} is the specific rejection reason kept with the
 * event in the rejected-input store; the message never holds the event's personal data.
 */
public class IdentityEventException extends RuntimeException {
    private final String code;

    public IdentityEventException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
