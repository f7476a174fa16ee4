package org.seamless.edge.vcs;

/** A refused request; the message names fields, never their values. {@code keptAs}: the quarantine reference. */
class VcsApiException extends RuntimeException {
    private final VcsProblemType type;
    private final String field;
    private final String keptAs;

    VcsApiException(VcsProblemType type, String field, String message, String keptAs) {
        super(message);
        this.type = type;
        this.field = field;
        this.keptAs = keptAs;
    }

    VcsApiException(VcsProblemType type, String message) {
        this(type, null, message, null);
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
