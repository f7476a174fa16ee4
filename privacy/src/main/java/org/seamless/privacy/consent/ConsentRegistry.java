package org.seamless.privacy.consent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.privacy.AgencyRef;

/**
 * The append-only register of consents and objections. Nothing is ever updated or deleted: a
 * withdrawal is a new entry, so the history answers "what did we know, and when". Precedence is
 * defined once, in {@link ConsentResolver}, and documented in ADR 0003.
 */
public interface ConsentRegistry {

    /**
     * Appends a record. Safe to repeat: returns false and changes nothing when an identical record
     * is already there.
     *
     * @throws ConsentRegistryException when the reference already belongs to another person, or the
     *                                  same entry state at the same instant was recorded differently
     */
    boolean record(ConsentRecord record);

    /**
     * Appends a withdrawal, recorded at {@code at}, for every active entry under the reference. The
     * earlier entries stay in the history. Returns what was appended (empty when already withdrawn).
     *
     * @throws UnknownConsentReferenceException when nothing was ever recorded under the reference
     */
    List<ConsentRecord> withdraw(String reference, Instant at, String source);

    /**
     * Records the latest version of one consent (all records under one reference, for one person,
     * recorded at one instant, e.g. from {@link FhirConsentMapper}): entries the new version no
     * longer lists are withdrawn, then the new records are appended. Each step is idempotent, so a
     * repeated call after a crash completes the work without duplicating it. Returns what was appended.
     */
    default List<ConsentRecord> supersede(List<ConsentRecord> latestVersion) {
        if (latestVersion.isEmpty()) {
            throw new IllegalArgumentException("a consent version has at least one record");
        }
        ConsentRecord first = latestVersion.get(0);
        if (latestVersion.stream().anyMatch(r -> !r.reference().equals(first.reference())
                || !r.nhsNumber().equals(first.nhsNumber()) || !r.recordedAt().equals(first.recordedAt()))) {
            throw new IllegalArgumentException("a consent version shares one reference, person and recorded-at instant");
        }
        Set<ConsentRecord.EntryKey> listed = new HashSet<>();
        latestVersion.forEach(r -> listed.add(r.entryKey()));
        List<ConsentRecord> underReference = history(first.nhsNumber()).stream()
                .filter(r -> r.reference().equals(first.reference())).toList();
        List<ConsentRecord> appended = new ArrayList<>();
        for (ConsentRecord w : ConsentResolver.withdrawalsFor(underReference, first.recordedAt(), first.source())) {
            if (!listed.contains(w.entryKey()) && record(w)) {
                appended.add(w);
            }
        }
        for (ConsentRecord r : latestVersion) {
            if (record(r)) {
                appended.add(r);
            }
        }
        return appended;
    }

    /** Every record about this person, ordered by recorded-at then by append order. */
    List<ConsentRecord> history(NhsNumber nhsNumber);

    /** Every record under one consent reference, ordered by recorded-at then by append order. */
    List<ConsentRecord> byReference(String reference);

    /** The consent that governs this purpose and recipient at {@code at}, ignoring objections. */
    default Optional<ConsentRecord> effectiveConsent(NhsNumber nhsNumber, Purpose purpose, AgencyRef recipient,
                                                     Instant at) {
        return ConsentResolver.governing(history(nhsNumber), ConsentRecord.Kind.CONSENT, purpose, recipient, at);
    }

    /** The objection that governs this purpose and recipient at {@code at}, ignoring consents. */
    default Optional<ConsentRecord> effectiveObjection(NhsNumber nhsNumber, Purpose purpose, AgencyRef recipient,
                                                       Instant at) {
        return ConsentResolver.governing(history(nhsNumber), ConsentRecord.Kind.OBJECTION, purpose, recipient, at);
    }

    /** Consent and objection weighed against each other: what a decision should rely on. */
    default ConsentStanding standing(NhsNumber nhsNumber, Purpose purpose, AgencyRef recipient, Instant at) {
        return ConsentResolver.standing(history(nhsNumber), purpose, recipient, at);
    }

    /**
     * As {@link #standing(NhsNumber, Purpose, AgencyRef, Instant)}, over only the records {@code admissible}
     * accepts (the decision engine passes its consent authority, so a record whose recorder had no
     * authority can neither grant, nor object, nor withdraw).
     */
    default ConsentStanding standing(NhsNumber nhsNumber, Purpose purpose, AgencyRef recipient, Instant at,
                                     java.util.function.Predicate<ConsentRecord> admissible) {
        return ConsentResolver.standing(history(nhsNumber).stream().filter(admissible).toList(), purpose, recipient, at);
    }
}
