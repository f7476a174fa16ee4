package org.seamless.hub.consent;

/** A consents API request is refused; {@code detail} and {@code code} name rules and fields, never personal values. */
public class ConsentApiException extends RuntimeException {
    private final ConsentProblemType type;
    private final String code;
    private final String keptAs;

    public ConsentApiException(ConsentProblemType type, String code, String detail) {
        this(type, code, detail, null);
    }

    public ConsentApiException(ConsentProblemType type, String code, String detail, String keptAs) {
        super(detail);
        this.type = type;
        this.code = code;
        this.keptAs = keptAs;
    }

    public ConsentProblemType type() {
        return type;
    }

    /** The fine-grained reason code (e.g. {@code unknown-decision}). */
    public String code() {
        return code;
    }

    /** The reference of the kept input when it was already kept (by the gate), else null. */
    public String keptAs() {
        return keptAs;
    }
}
