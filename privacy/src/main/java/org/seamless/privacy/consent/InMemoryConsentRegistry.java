package org.seamless.privacy.consent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.seamless.mappings.canonical.NhsNumber;

/** A {@link ConsentRegistry} held in memory: for tests and for the embedded demo. Thread-safe. */
public class InMemoryConsentRegistry implements ConsentRegistry {
    private final List<ConsentRecord> log = new ArrayList<>();

    @Override
    public synchronized boolean record(ConsentRecord record) {
        List<ConsentRecord> sameReference = byReference(record.reference());
        if (RecordChecks.alreadyRecorded(sameReference, record)) {
            return false;
        }
        log.add(record);
        return true;
    }

    @Override
    public synchronized List<ConsentRecord> withdraw(String reference, Instant at, String source) {
        List<ConsentRecord> sameReference = byReference(reference);
        if (sameReference.isEmpty()) {
            throw new UnknownConsentReferenceException(reference);
        }
        List<ConsentRecord> withdrawals = ConsentResolver.withdrawalsFor(sameReference, at, source);
        log.addAll(withdrawals);
        return withdrawals;
    }

    @Override
    public synchronized List<ConsentRecord> history(NhsNumber nhsNumber) {
        return ConsentResolver.ordered(log.stream().filter(r -> r.nhsNumber().equals(nhsNumber)).toList());
    }

    @Override
    public synchronized List<ConsentRecord> byReference(String reference) {
        return ConsentResolver.ordered(log.stream().filter(r -> r.reference().equals(reference)).toList());
    }

    @Override
    public String toString() {
        return "InMemoryConsentRegistry[" + log.size() + " records]";
    }
}
