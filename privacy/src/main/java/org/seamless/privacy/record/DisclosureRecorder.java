package org.seamless.privacy.record;

/**
 * Appends disclosure records: the decision for a leg, and separately its release once the
 * released payload has been handed to the broker. Implementations must be idempotent on
 * (message id, recipient, replay generation): the hub may run a step again after a crash.
 */
public interface DisclosureRecorder {
    /** The decision for one leg (released or withheld). */
    void record(DisclosureRecord record);

    /** The leg's payload was published to the recipient's outbound address. */
    void released(DisclosureRecord record);
}
