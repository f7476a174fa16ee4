package org.seamless.hub.d2aclock;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The stay store in a map, for tests of the folding, aggregation and clock logic. */
final class InMemoryStayClockStore implements StayClockStore {
    final Map<String, StayRecord> records = new ConcurrentHashMap<>();
    final Map<String, Instant> alerted = new ConcurrentHashMap<>();

    @Override
    public Optional<StayRecord> find(String stayRef) {
        return Optional.ofNullable(records.get(stayRef));
    }

    @Override
    public void save(StayRecord record, Instant at) {
        records.put(record.stayRef(), record);
    }

    @Override
    public List<StayRecord> dischargedBetween(LocalDate from, LocalDate to) {
        return records.values().stream().filter(r -> r.dischargedOn().isPresent()
                && !r.dischargedOn().get().isBefore(from) && r.dischargedOn().get().isBefore(to)).toList();
    }

    @Override
    public List<StayRecord> overdue(LocalDate readyOnOrBefore) {
        return records.values().stream().filter(r -> r.dischargedOn().isEmpty() && !r.cancelled() && !r.careArranged()
                && !alerted.containsKey(r.stayRef()) && r.dischargeReadyDate().isPresent()
                && !r.dischargeReadyDate().get().isAfter(readyOnOrBefore)).toList();
    }

    @Override
    public void markAlerted(String stayRef, Instant at) {
        alerted.put(stayRef, at);
    }
}
