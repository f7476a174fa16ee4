package org.seamless.hub.d2aclock;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Where the stay records live: the hub database ({@link JdbcStayClockStore}) shared by every hub instance. */
public interface StayClockStore {
    Optional<StayRecord> find(String stayRef);

    void save(StayRecord record, Instant at);

    /** Stays discharged on a date in [from, to). */
    List<StayRecord> dischargedBetween(LocalDate from, LocalDate to);

    /**
     * Stays not discharged, not cancelled, without care arranged, whose Discharge Ready Date is on or
     * before {@code readyOnOrBefore}, and not alerted yet.
     */
    List<StayRecord> overdue(LocalDate readyOnOrBefore);

    void markAlerted(String stayRef, Instant at);

    /** Notes whose stay it is, as a keyed person reference ({@link StayRefs#person}), for identity events (ADR 0084). */
    default void linkPerson(String stayRef, String personRef) {
    }
}
