package org.seamless.hub.consent;

import java.time.Clock;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;
import org.seamless.adapters.registry.AgencyRegistry;
import org.seamless.hub.ConsentUpdates;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.privacy.consent.ConsentMappingException;
import org.seamless.privacy.consent.ConsentRecord;
import org.seamless.privacy.consent.FhirConsentMapper;
import org.seamless.privacy.consent.RecipientScope;
import org.seamless.privacy.decide.ConsentAuthority;
import org.springframework.stereotype.Component;

/**
 * Runs the hub's own Consent mapping at the edges, so that a consent-update is refused while the
 * sender is still connected rather than quarantined later at the hub; adds the one check the mapper
 * cannot make alone: a recipient named by agency id must be an agency in the registry; and asks the
 * consent authority whether the sending agency may record each record at all (ADR 0032), so a
 * consent-update from any path (API, CSV, FHIR messaging) is refused with
 * {@link ConsentAuthority#NOT_AUTHORISED} or {@link ConsentAuthority#FOR_ITSELF}.
 */
@Component
public class ConsentValidation {
    private final FhirConsentMapper mapper;
    private final AgencyRegistry agencies;
    private final Clock clock;
    private final ConsentAuthority authority;

    public ConsentValidation(AgencyRegistry agencies, Clock clock, ConsentAuthority authority) {
        this.mapper = ConsentUpdates.mapperFor(agencies);
        this.agencies = agencies;
        this.clock = clock;
        this.authority = authority;
    }

    /** True for the codes of a record its sender may not make. */
    public static boolean notAuthorised(String code) {
        return ConsentAuthority.NOT_AUTHORISED.equals(code) || ConsentAuthority.FOR_ITSELF.equals(code);
    }

    /** Validates every Consent of a consent-update message as the hub will map it; throws {@link ConsentMappingException}. */
    public List<ConsentRecord> validate(Bundle message, String sourceAgency) {
        return checked(mapper.mapAll(message, sourceAgency, clock.instant()));
    }

    /** The subject of one Consent (read as the hub reads it), after validating it; throws {@link ConsentMappingException}. */
    public NhsNumber subjectOf(Consent consent, String sourceAgency) {
        return checked(mapper.map(consent, null, sourceAgency, clock.instant())).get(0).nhsNumber();
    }

    private List<ConsentRecord> checked(List<ConsentRecord> records) {
        for (ConsentRecord r : records) {
            if (r.recipient() instanceof RecipientScope.AgencyScope a && agencies.find(a.agencyId()).isEmpty()) {
                throw new ConsentMappingException("unknown-agency", "Consent.provision.actor",
                        "the recipient agency is not registered with Seamless");
            }
        }
        for (ConsentRecord r : records) {
            var refusal = authority.refusal(r.recorder(), r.kind(), r.purpose(), r.recipient(), r.status());
            if (refusal.isPresent()) {
                throw new ConsentMappingException(refusal.get().code(), "Consent.provision", refusal.get().reason());
            }
        }
        return records;
    }
}
