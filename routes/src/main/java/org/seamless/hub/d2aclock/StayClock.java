package org.seamless.hub.d2aclock;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.d2a.D2aCodes;
import org.seamless.mappings.d2a.D2aStay;

/**
 * Folds the discharge to assess events of one stay into its {@link StayRecord}. Every trust event
 * carries the stay's whole current state (ADR 0060), so the latest event's dates and pathway win; an
 * event older than one already applied cannot be told apart here and is applied too (the hub sees a
 * stay's events in order: one trust, one queue).
 */
public final class StayClock {
    /** Discharge dates are the calendar dates of England. */
    public static final ZoneId LONDON = ZoneId.of("Europe/London");

    private StayClock() {
    }

    /** The record after a trust event of the stay; {@code previous} empty for the first. */
    public static StayRecord apply(Optional<StayRecord> previous, String stayRef, String trust,
                                   Optional<String> council, D2aStay event) {
        String pathway = event.pathway() != null ? event.pathway().code()
                : previous.map(StayRecord::pathway).orElse(UNKNOWN);
        Optional<LocalDate> ready = Optional.ofNullable(event.dischargeReadyDate())
                .or(() -> previous.flatMap(StayRecord::dischargeReadyDate));
        Optional<LocalDate> discharged = Optional.ofNullable(event.dischargedAt())
                .map(at -> at.atZoneSameInstant(LONDON).toLocalDate())
                .or(() -> previous.flatMap(StayRecord::dischargedOn));
        boolean cancelled = event.event() == SeamlessEvent.D2A_CANCELLED || previous.map(StayRecord::cancelled).orElse(false);
        return new StayRecord(stayRef, trust, council.or(() -> previous.flatMap(StayRecord::council)), pathway, ready,
                discharged, previous.map(StayRecord::careArranged).orElse(false), cancelled, event.messageId());
    }

    /** The record after the council said care is arranged. */
    public static StayRecord careArranged(StayRecord previous, String messageId) {
        return new StayRecord(previous.stayRef(), previous.trust(), previous.council(), previous.pathway(),
                previous.dischargeReadyDate(), previous.dischargedOn(), true, previous.cancelled(), messageId);
    }

    /** Pathway code when none is known. */
    public static final String UNKNOWN = "unknown";

    static String pathwayCode(D2aCodes.Pathway p) {
        return p == null ? UNKNOWN : p.code();
    }
}
