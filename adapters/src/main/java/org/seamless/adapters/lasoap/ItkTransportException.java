package org.seamless.adapters.lasoap;

import java.time.Duration;
import org.seamless.adapters.failure.TransientDeliveryException;

/** An ITK call that failed because the case system is away or busy (no answer, timeout, HTTP 5xx, SOAP Server fault). */
public class ItkTransportException extends TransientDeliveryException {
    public ItkTransportException(String message, Throwable cause) {
        super(message, cause);
    }

    public ItkTransportException(String message, Throwable cause, Duration retryAfter) {
        super(message, cause, retryAfter);
    }
}
