package org.seamless.adapters.registry;

/** The agency registry is invalid; the message names the file, the entry and the problem. */
public class RegistryException extends RuntimeException {
    public RegistryException(String message) {
        super(message);
    }
}
