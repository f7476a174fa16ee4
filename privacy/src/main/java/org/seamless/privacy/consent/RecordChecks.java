package org.seamless.privacy.consent;

import java.util.List;

/** The checks every registry runs before appending, so all implementations refuse the same things. */
final class RecordChecks {
    private RecordChecks() {
    }

    /**
     * True when an identical record is already in the reference's history (a repeated step).
     *
     * @throws ConsentRegistryException when the reference belongs to another person, or the same
     *                                  entry state at the same instant was recorded with other details
     */
    static boolean alreadyRecorded(List<ConsentRecord> sameReference, ConsentRecord candidate) {
        for (ConsentRecord existing : sameReference) {
            if (!existing.nhsNumber().equals(candidate.nhsNumber())) {
                throw new ConsentRegistryException("consent reference " + candidate.reference()
                        + " already belongs to another person");
            }
            if (existing.equals(candidate)) {
                return true;
            }
            if (existing.entryKey().equals(candidate.entryKey()) && existing.status() == candidate.status()
                    && existing.recordedAt().equals(candidate.recordedAt())) {
                throw new ConsentRegistryException("consent reference " + candidate.reference()
                        + " already has a different " + candidate.status() + " entry for "
                        + candidate.purpose().code() + " recorded at " + candidate.recordedAt());
            }
        }
        return false;
    }
}
