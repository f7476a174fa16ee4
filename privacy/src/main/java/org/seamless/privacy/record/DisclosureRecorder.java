package org.seamless.privacy.record;

/**
 * Appends disclosure records. Implementations must be idempotent on
 * (message id, recipient, replay generation): the hub may run a step again after a crash.
 */
public interface DisclosureRecorder {
    void record(DisclosureRecord record);
}
