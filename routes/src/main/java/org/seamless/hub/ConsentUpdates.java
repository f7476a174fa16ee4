package org.seamless.hub;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Bundle;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.registry.AgencyRegistry;
import org.seamless.privacy.consent.ConsentRecord;
import org.seamless.privacy.consent.ConsentRegistry;
import org.seamless.privacy.consent.FhirConsentMapper;

/**
 * The consent-update event ends at the hub: its Consent resources become records in the consent
 * registry (a new version of a Consent supersedes the earlier one; history is kept), and nothing
 * is relayed to any agency.
 */
public class ConsentUpdates {
    private final ConsentRegistry registry;
    private final FhirConsentMapper mapper;
    private final Clock clock;

    public ConsentUpdates(ConsentRegistry registry, AgencyRegistry agencies, Clock clock) {
        this.registry = registry;
        this.mapper = mapperFor(agencies);
        this.clock = clock;
    }

    /** The Consent mapper the hub uses, resolving ODS codes through the agency registry; edges validate with the same. */
    public static FhirConsentMapper mapperFor(AgencyRegistry agencies) {
        Map<String, String> byOds = agencies.all().stream().filter(a -> !a.odsCode().isBlank())
                .collect(Collectors.toMap(AgencyConfig::odsCode, AgencyConfig::id, (a, b) -> a));
        return new FhirConsentMapper(ods -> java.util.Optional.ofNullable(byOds.get(ods)));
    }

    /** Applies every Consent in the message; returns how many records its versions list. */
    public int apply(Bundle message, String sourceAgency) {
        return (int) applyAll(message, sourceAgency).stream().map(ConsentRecord::entryKey).distinct().count();
    }

    /**
     * Applies every Consent in the message; returns the records the versions list (and the withdrawals a
     * new version implies), whether appended now or by an earlier attempt of this same update, so a
     * redelivered update plans the same recalls (ADR 0069).
     */
    public List<ConsentRecord> applyAll(Bundle message, String sourceAgency) {
        List<ConsentRecord> records = mapper.mapAll(message, sourceAgency, clock.instant());
        Map<String, List<ConsentRecord>> byReference = records.stream()
                .collect(Collectors.groupingBy(ConsentRecord::reference, java.util.LinkedHashMap::new, Collectors.toList()));
        List<ConsentRecord> applied = new java.util.ArrayList<>(records);
        byReference.values().forEach(version -> applied.addAll(registry.supersede(version)));
        return applied;
    }
}
