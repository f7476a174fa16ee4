package org.seamless.privacy.ledger;

/** The ledger could not be written or read. Messages carry ids and sequence numbers only, never personal data. */
public class LedgerException extends RuntimeException {
    public LedgerException(String message, Throwable cause) {
        super(message, cause);
    }
}
