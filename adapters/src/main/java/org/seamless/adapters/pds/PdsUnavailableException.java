package org.seamless.adapters.pds;

/**
 * PDS could not answer (down, timed out, refused our credentials, still rate limiting after the retries): the
 * caller stops and tries again later; nothing is held or guessed on it. The message carries the HTTP status and
 * PDS's error code only, never a search value.
 */
public class PdsUnavailableException extends RuntimeException {
    private final int status;

    public PdsUnavailableException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status PDS answered with, 0 when it did not answer. */
    public int status() {
        return status;
    }
}
