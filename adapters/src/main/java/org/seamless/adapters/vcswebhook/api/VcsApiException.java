package org.seamless.adapters.vcswebhook.api;

import org.seamless.mappings.vcs.VcsInputException;

/** A refused request; the message names fields, never their values. {@code keptAs}: the quarantine reference. */
public class VcsApiException extends RuntimeException {
    private final VcsProblemType type;
    private final String field;
    private final String keptAs;

    public VcsApiException(VcsProblemType type, String field, String message, String keptAs) {
        super(message);
        this.type = type;
        this.field = field;
        this.keptAs = keptAs;
    }

    public VcsApiException(VcsProblemType type, String message) {
        this(type, null, message, null);
    }

    /** A mapping-layer refusal as an API exception. */
    public static VcsApiException of(VcsInputException e) {
        return new VcsApiException(VcsProblemType.ofCode(e.code()), e.field(), e.getMessage(), null);
    }

    VcsProblemType type() {
        return type;
    }

    String field() {
        return field;
    }

    String keptAs() {
        return keptAs;
    }

    VcsApiException kept(String reference) {
        return new VcsApiException(type, field, getMessage(), reference);
    }
}
