package org.seamless.privacy.keys;

/** A reversible token cannot be revealed. The message names the reason, never the token or a key. */
public class TokenException extends RuntimeException {

    /** Why a token was refused. */
    public enum Reason {
        /** Not in the {@code TOK-<keyId>-<letters>} form. */
        MALFORMED("the token is not a Seamless reversible token"),
        /** Names a key this domain does not have (made for another domain, or its key was removed). */
        UNKNOWN_KEY("the token was not made with a key of this domain"),
        /** Fails authentication: altered, or made for another domain. */
        NOT_AUTHENTIC("the token does not decrypt in this domain (altered, or made for another domain)");

        private final String text;

        Reason(String text) {
            this.text = text;
        }
    }

    private final Reason reason;

    public TokenException(Reason reason) {
        super(reason.text);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
