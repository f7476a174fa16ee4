package org.seamless.privacy.consent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.seamless.privacy.AgencyRef;
import org.seamless.privacy.consent.ConsentRecord.EntryKey;
import org.seamless.privacy.consent.ConsentRecord.Kind;
import org.seamless.privacy.consent.ConsentRecord.Status;

/**
 * The precedence rules of the registry, as pure functions over one person's ordered history, so
 * that every {@link ConsentRegistry} implementation answers identically (ADR 0003):
 * <ol>
 *   <li>the latest recorded state of each entry (reference, purpose, recipient) wins;</li>
 *   <li>among in-force entries of the same kind, an agency-specific one beats a kind-wide one,
 *       then the later one wins;</li>
 *   <li>when a consent and an objection both apply, the later one wins; a tie goes to the
 *       objection, and a kind-wide consent never lifts an agency-specific objection.</li>
 * </ol>
 */
final class ConsentResolver {
    private static final Comparator<ConsentRecord> PRECEDENCE = Comparator
            .comparing((ConsentRecord r) -> r.recipient().agencySpecific())
            .thenComparing(ConsentRecord::recordedAt);

    private ConsentResolver() {
    }

    /** The latest state, as known at {@code at}, of every entry in an ordered history. */
    static List<ConsentRecord> latestStates(List<ConsentRecord> history, Instant at) {
        Map<EntryKey, ConsentRecord> latest = new LinkedHashMap<>();
        for (ConsentRecord r : history) {
            if (!r.recordedAt().isAfter(at)) {
                latest.put(r.entryKey(), r); // history is ordered, so a later entry replaces an earlier one
            }
        }
        return List.copyOf(latest.values());
    }

    /** The in-force entries of one kind that apply to this purpose and recipient at {@code at}. */
    static List<ConsentRecord> inForce(List<ConsentRecord> history, Kind kind, Purpose purpose,
                                       AgencyRef recipient, Instant at) {
        return latestStates(history, at).stream()
                .filter(r -> r.kind() == kind && r.appliesTo(purpose, recipient) && r.inForceAt(at))
                .toList();
    }

    static Optional<ConsentRecord> governing(List<ConsentRecord> candidates) {
        return candidates.stream().max(PRECEDENCE);
    }

    static Optional<ConsentRecord> governing(List<ConsentRecord> history, Kind kind, Purpose purpose,
                                             AgencyRef recipient, Instant at) {
        return governing(inForce(history, kind, purpose, recipient, at));
    }

    static ConsentStanding standing(List<ConsentRecord> history, Purpose purpose, AgencyRef recipient, Instant at) {
        List<ConsentRecord> consents = inForce(history, Kind.CONSENT, purpose, recipient, at);
        List<ConsentRecord> objections = inForce(history, Kind.OBJECTION, purpose, recipient, at);
        if (objections.isEmpty()) {
            return governing(consents).map(ConsentStanding::consented).orElseGet(ConsentStanding::none);
        }
        Instant latestObjection = objections.stream().map(ConsentRecord::recordedAt).max(Instant::compareTo)
                .orElseThrow();
        boolean specificObjection = objections.stream().anyMatch(r -> r.recipient().agencySpecific());
        List<ConsentRecord> lifting = consents.stream()
                .filter(c -> c.recordedAt().isAfter(latestObjection))
                .filter(c -> c.recipient().agencySpecific() || !specificObjection)
                .toList();
        return governing(lifting).map(ConsentStanding::consented)
                .orElseGet(() -> ConsentStanding.objected(governing(objections).orElseThrow()));
    }

    /**
     * The withdrawals to append for a reference: one for each entry whose latest state is active.
     * Empty when everything under the reference is already withdrawn (a repeated withdrawal is a no-op).
     */
    static List<ConsentRecord> withdrawalsFor(List<ConsentRecord> referenceHistory, Instant at, String source) {
        Map<EntryKey, ConsentRecord> latest = new LinkedHashMap<>();
        referenceHistory.forEach(r -> latest.put(r.entryKey(), r));
        List<ConsentRecord> out = new ArrayList<>();
        latest.values().stream().filter(r -> r.status() == Status.ACTIVE).forEach(r -> out.add(r.withdrawn(at, source)));
        return out;
    }

    /** Orders a history by recorded-at, keeping append order for equal instants. */
    static List<ConsentRecord> ordered(List<ConsentRecord> records) {
        return records.stream().sorted(Comparator.comparing(ConsentRecord::recordedAt)).toList();
    }
}
