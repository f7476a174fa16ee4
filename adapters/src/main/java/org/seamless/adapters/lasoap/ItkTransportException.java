package org.seamless.adapters.lasoap;

/** An ITK call that failed in a way worth retrying (no answer, timeout, HTTP error, non-business fault). */
public class ItkTransportException extends RuntimeException {
    public ItkTransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
