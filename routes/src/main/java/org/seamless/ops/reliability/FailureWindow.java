package org.seamless.ops.reliability;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Counts a sink's transport failures for its circuit breaker: the circuit should open after
 * {@code threshold} failures in a row, all within {@code windowMs}. A success in between resets the
 * count, and failures older than the window fall out of it, so scattered transient failures over
 * days never add up to an outage.
 */
final class FailureWindow {
    private final int threshold;
    private final long windowMs;
    private final Deque<Long> failures = new ArrayDeque<>();

    FailureWindow(int threshold, long windowMs) {
        if (threshold < 1 || windowMs < 1) {
            throw new IllegalArgumentException("circuit threshold and window must be positive");
        }
        this.threshold = threshold;
        this.windowMs = windowMs;
    }

    synchronized void failure(long nowMs) {
        failures.addLast(nowMs);
        prune(nowMs);
    }

    /** A success, or the circuit closing: the count starts again. */
    synchronized void clear() {
        failures.clear();
    }

    synchronized boolean reached(long nowMs) {
        prune(nowMs);
        return failures.size() >= threshold;
    }

    synchronized int count(long nowMs) {
        prune(nowMs);
        return failures.size();
    }

    private void prune(long nowMs) {
        while (!failures.isEmpty() && failures.peekFirst() < nowMs - windowMs) {
            failures.removeFirst();
        }
    }
}
