package org.seamless.privacy.keys;

/**
 * The domain key store cannot be created, opened, read or written. The message names the file
 * and the problem, never a password or key.
 */
public class KeyStoreAccessException extends RuntimeException {
    public KeyStoreAccessException(String message) {
        super(message);
    }

    public KeyStoreAccessException(String message, Throwable cause) {
        super(message, cause);
    }
}
