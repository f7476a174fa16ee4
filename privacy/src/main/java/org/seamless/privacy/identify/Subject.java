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
