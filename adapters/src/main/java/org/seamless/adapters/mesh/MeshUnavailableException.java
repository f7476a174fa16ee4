package org.seamless.adapters.mesh;

import java.time.Duration;
import org.seamless.adapters.failure.TransientDeliveryException;

/** MESH did not answer, timed out, or answered 429/5xx: the message waits (the shared outage policy). */
public class MeshUnavailableException extends TransientDeliveryException {
    public MeshUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public MeshUnavailableException(String message, Duration retryAfter) {
        super(message, null, retryAfter);
    }
}
