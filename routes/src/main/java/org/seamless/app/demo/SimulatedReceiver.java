package org.seamless.app.demo;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every demo agency system does with what it receives: acts once per idempotency key (a
 * repeat is acknowledged, not recorded again), keeps the last few items in memory, and can be
 * switched to be unavailable, or to refuse, for the next N calls. For the demo and tests only:
 * the memory is bounded, so a repeat of a very old key would be acted on again.
 *
 * @param <T> what is recorded per accepted call
 */
public class SimulatedReceiver<T> {
    /** Condition under which the simulators run: demo mode, or {@code seamless.demo.simulators=true}. */
    public static final String ACTIVE = "${seamless.demo.enabled:false} or ${seamless.demo.simulators:false}";
    private static final int KEPT_ITEMS = 200;
    private static final int KEPT_KEYS = 10_000;

    private final Deque<T> received = new ArrayDeque<>();
    private final Map<String, Integer> attempts = bounded();
    private final Map<String, Boolean> actedOn = bounded();
    private int unavailableFor;
    private int refuseFor;

    /** What the simulator answers. */
    public enum Verdict { ACCEPTED, DUPLICATE, UNAVAILABLE, REFUSED }

    /** One authenticated call carrying {@code item} under {@code key}. */
    public synchronized Verdict receive(String key, T item) {
        attempts.merge(key, 1, Integer::sum);
        if (unavailableFor > 0) {
            unavailableFor--;
            return Verdict.UNAVAILABLE;
        }
        if (refuseFor > 0) {
            refuseFor--;
            return Verdict.REFUSED;
        }
        if (actedOn.putIfAbsent(key, Boolean.TRUE) != null) {
            return Verdict.DUPLICATE;
        }
        received.addLast(item);
        if (received.size() > KEPT_ITEMS) {
            received.removeFirst();
        }
        return Verdict.ACCEPTED;
    }

    /** What was accepted and acted on, oldest first (the last {@value #KEPT_ITEMS}). */
    public synchronized List<T> received() {
        return List.copyOf(received);
    }

    /** How many authenticated calls carried this key, whatever the answer. */
    public synchronized int attempts(String key) {
        return attempts.getOrDefault(key, 0);
    }

    /** Answers the next {@code calls} calls as temporarily unavailable (503). */
    public synchronized void unavailableFor(int calls) {
        unavailableFor = calls;
    }

    /** Refuses the next {@code calls} calls as a business rejection (422). */
    public synchronized void refuseNext(int calls) {
        refuseFor = calls;
    }

    /** Clears the switches (what was received is kept, so "once" still holds). */
    public synchronized void resetSwitches() {
        unavailableFor = 0;
        refuseFor = 0;
    }

    private static <V> Map<String, V> bounded() {
        return new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > KEPT_KEYS;
            }
        };
    }
}
