package org.seamless.mappings.itk;

/** An ITK envelope that cannot be built or read; the message never quotes payload values. */
public class ItkEnvelopeException extends RuntimeException {
    public ItkEnvelopeException(String message) {
        super(message);
    }

    public ItkEnvelopeException(String message, Throwable cause) {
        super(message, cause);
    }
}
