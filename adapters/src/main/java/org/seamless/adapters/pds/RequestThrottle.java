package org.seamless.adapters.pds;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * A token bucket shared by every caller of one PDS application: {@code rate} requests a second on average, at
 * most {@code burst} at once after a quiet spell. {@link #acquire()} parks the caller until its request may go;
 * {@link #pauseFor(long)} makes everyone wait (PDS said 429 with Retry-After).
 */
public final class RequestThrottle {
    private final double nanosPerToken;
    private final double burst;
    private final LongSupplier nanoTime;
    private double tokens;
    private long last;
    private long pausedUntil;

    public RequestThrottle(double rate, int burst) {
        this(rate, burst, System::nanoTime);
    }

    RequestThrottle(double rate, int burst, LongSupplier nanoTime) {
        this.nanosPerToken = TimeUnit.SECONDS.toNanos(1) / rate;
        this.burst = burst;
        this.nanoTime = nanoTime;
        this.tokens = burst;
        this.last = nanoTime.getAsLong();
        this.pausedUntil = last;
    }

    /** Waits until a request may go. */
    public void acquire() {
        long wait;
        while ((wait = reserve()) > 0) {
            LockSupport.parkNanos(wait);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new PdsUnavailableException(0, "interrupted while waiting for the PDS rate limit", null);
            }
        }
    }

    /** Takes a token and returns 0, or returns how long to wait before trying again. */
    synchronized long reserve() {
        long now = nanoTime.getAsLong();
        if (now < pausedUntil) {
            return pausedUntil - now;
        }
        tokens = Math.min(burst, tokens + (now - last) / nanosPerToken);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) * nanosPerToken);
    }

    /** No request goes for {@code nanos} from now (and the bucket starts empty again after). */
    public synchronized void pauseFor(long nanos) {
        long until = nanoTime.getAsLong() + nanos;
        if (until > pausedUntil) {
            pausedUntil = until;
            tokens = 0;
            last = until;
        }
    }
}
