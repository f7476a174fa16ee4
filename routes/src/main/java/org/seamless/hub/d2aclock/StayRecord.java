package org.seamless.hub.d2aclock;

import java.time.LocalDate;
import java.util.Optional;

/**
 * What the hub keeps of one hospital stay for the delay measure and the operational clocks: no NHS
 * number, name or spell id, only a keyed reference to the stay ({@link StayRefs}), the agencies, the
 * pathway and the dates, folded from the discharge to assess events as they pass.
 *
 * @param stayRef            pseudonymous reference of the stay (trust, spell and person, keyed)
 * @param pathway            "0".."3", or {@code "unknown"} while none was proposed
 * @param dischargeReadyDate the latest Discharge Ready Date the trust sent, if any
 * @param dischargedOn       the (Europe/London) date of the actual discharge, once discharged
 * @param careArranged       whether the council answered care-arranged (or care in place) for the stay
 * @param lastMessageId      the latest message of the stay: what an alert names so staff can find it
 */
public record StayRecord(String stayRef, String trust, Optional<String> council, String pathway,
                         Optional<LocalDate> dischargeReadyDate, Optional<LocalDate> dischargedOn, boolean careArranged,
                         boolean cancelled, String lastMessageId) {

    /** Days from the Discharge Ready Date to the actual discharge, never below zero; empty until both are known. */
    public Optional<Long> delayDays() {
        if (dischargeReadyDate.isEmpty() || dischargedOn.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Math.max(0, dischargedOn.get().toEpochDay() - dischargeReadyDate.get().toEpochDay()));
    }
}
