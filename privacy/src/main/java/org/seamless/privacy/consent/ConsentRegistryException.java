package org.seamless.privacy.consent;

/** The registry refused or failed an operation. Messages name references, never personal data. */
public class ConsentRegistryException extends RuntimeException {
    public ConsentRegistryException(String message) {
        super(message);
    }

    public ConsentRegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
