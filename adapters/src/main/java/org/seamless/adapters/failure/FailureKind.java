package org.seamless.adapters.failure;

/** What a sink does with a failed delivery attempt (see {@link DeliveryFailureClassifier}). */
public enum FailureKind {
    /** The partner is away or busy: the message waits (the agency's circuit opens) until the agency's deadline. */
    TRANSIENT,
    /** The partner refused this message for a business reason: recorded as refused, not sent again. */
    REFUSAL,
    /** Our request or set-up is wrong: retried a few times by the broker, then dead-lettered for the operator. */
    FAULT
}
