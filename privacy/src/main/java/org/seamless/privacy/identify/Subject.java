package org.seamless.privacy.identify;

import java.util.Optional;
import org.seamless.mappings.canonical.NhsNumber;

/**
 * The person a message is about: either identified by a valid NHS number, or explicitly withheld.
 * Never both, never neither. {@link #toString()} does not print the number.
 */
public final class Subject {
    private final NhsNumber nhsNumber;
    private final WithheldReason withheld;

    private Subject(NhsNumber nhsNumber, WithheldReason withheld) {
        this.nhsNumber = nhsNumber;
        this.withheld = withheld;
    }

    public static Subject identified(NhsNumber nhsNumber) {
        return new Subject(java.util.Objects.requireNonNull(nhsNumber), null);
    }

    public static Subject withheld(WithheldReason reason) {
        return new Subject(null, java.util.Objects.requireNonNull(reason));
    }

    public Optional<NhsNumber> nhsNumber() {
        return Optional.ofNullable(nhsNumber);
    }

    public Optional<WithheldReason> withheldReason() {
        return Optional.ofNullable(withheld);
    }

    /** Buckets of {@link #orderGroup()}: enough to spread people over any number of consumers, too few to identify. */
    public static final int ORDER_GROUPS = 1024;

    /**
     * The broker message group for this subject's messages (ADR 0100): one of {@value #ORDER_GROUPS} buckets of
     * the NHS number, the same on every host, so the broker hands one person's messages to one consumer at a time.
     * A bucket holds about ten million possible numbers, so it says nothing about the person. Empty when the
     * subject is withheld: such messages have no person to keep in order by, and go to any consumer.
     */
    public Optional<String> orderGroup() {
        if (nhsNumber == null) {
            return Optional.empty();
        }
        long n = Long.parseLong(nhsNumber.value());
        // why: a fixed mix (SplitMix64's finaliser), not String.hashCode or a per-JVM seed: every host must agree
        n = (n ^ (n >>> 30)) * 0xbf58476d1ce4e5b9L;
        n = (n ^ (n >>> 27)) * 0x94d049bb133111ebL;
        n = n ^ (n >>> 31);
        return Optional.of("person-" + Math.floorMod(n, ORDER_GROUPS));
    }

    public boolean isIdentified() {
        return nhsNumber != null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Subject s && java.util.Objects.equals(s.nhsNumber, nhsNumber) && s.withheld == withheld;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(nhsNumber, withheld);
    }

    @Override
    public String toString() {
        return isIdentified() ? "Subject[identified]" : "Subject[withheld:" + withheld.code() + "]";
    }
}
