package org.seamless.privacy.consent;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.seamless.mappings.canonical.AgencyKind;

/**
 * Turns {@code Consent.provision.actor} into recipient scopes. Only information-recipient actors
 * (v3 ParticipationType IRCP) are accepted; each names an Organization by ODS code, by Seamless
 * agency id, or (for a kind-wide scope) by an agency-kind code in {@code Organization.type}.
 */
final class FhirConsentRecipients {
    static final String PARTICIPATION_TYPE = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
    static final String RECIPIENT_ROLE = "IRCP";
    /** Identifier system of Seamless agency ids, for agencies without an ODS code. */
    static final String AGENCY_SYSTEM = "https://seamless.dev/fhir/Id/agency";
    /** CodeSystem of agency kinds (nhs-trust, local-authority, voluntary-org). */
    static final String KIND_SYSTEM = "https://seamless.dev/fhir/CodeSystem/agency-kind";

    private final AgencyDirectory directory;

    FhirConsentRecipients(AgencyDirectory directory) {
        this.directory = directory;
    }

    /** The scopes named; empty when the provision names no actor at all. */
    List<RecipientScope> scopesOf(Consent consent, Bundle bundle, String path) {
        Set<RecipientScope> scopes = new LinkedHashSet<>();
        List<Consent.provisionActorComponent> actors = consent.getProvision().getActor();
        for (int i = 0; i < actors.size(); i++) {
            String at = path + ".provision.actor[" + i + "]";
            Consent.provisionActorComponent actor = actors.get(i);
            if (!hasCoding(actor.getRole(), PARTICIPATION_TYPE, RECIPIENT_ROLE)) {
                throw new ConsentMappingException("unsupported-actor-role", at + ".role",
                        "only information-recipient actors (" + PARTICIPATION_TYPE + "|" + RECIPIENT_ROLE
                                + ") are supported");
            }
            scopes.add(scopeOf(actor.getReference(), consent, bundle, at + ".reference"));
        }
        return new ArrayList<>(scopes);
    }

    private RecipientScope scopeOf(Reference ref, Consent consent, Bundle bundle, String at) {
        Optional<RecipientScope> byIdentifier = byIdentifier(ref.getIdentifier(), at + ".identifier");
        if (byIdentifier.isPresent()) {
            return byIdentifier.get();
        }
        Resource resolved = FhirReferences.resolve(ref, consent, bundle).orElseThrow(() -> new ConsentMappingException(
                "unresolved-actor", at, "the actor resolves to no contained or bundled Organization and has no identifier"));
        if (!(resolved instanceof Organization org)) {
            throw new ConsentMappingException("unsupported-actor", at,
                    "recipients must be Organizations, not " + resolved.fhirType());
        }
        for (Identifier id : org.getIdentifier()) {
            Optional<RecipientScope> scope = byIdentifier(id, at + " -> Organization.identifier");
            if (scope.isPresent()) {
                return scope.get();
            }
        }
        for (CodeableConcept type : org.getType()) {
            for (Coding c : type.getCoding()) {
                if (KIND_SYSTEM.equals(c.getSystem())) {
                    try {
                        return RecipientScope.kind(AgencyKind.fromCode(c.getCode()));
                    } catch (IllegalArgumentException e) {
                        throw new ConsentMappingException("unknown-agency-kind", at + " -> Organization.type",
                                e.getMessage());
                    }
                }
            }
        }
        throw new ConsentMappingException("unidentified-recipient", at,
                "the Organization has no ODS code, no Seamless agency id and no agency-kind type");
    }

    private Optional<RecipientScope> byIdentifier(Identifier id, String at) {
        if (id == null || id.getSystem() == null) {
            return Optional.empty();
        }
        if (AGENCY_SYSTEM.equals(id.getSystem()) && id.hasValue()) {
            return Optional.of(RecipientScope.agency(id.getValue()));
        }
        if (AgencyDirectory.ODS_SYSTEM.equals(id.getSystem()) && id.hasValue()) {
            return Optional.of(directory.agencyIdForOdsCode(id.getValue())
                    .map(RecipientScope::agency)
                    .orElseThrow(() -> new ConsentMappingException("unknown-agency", at,
                            "the ODS code names no agency registered with Seamless")));
        }
        return Optional.empty();
    }

    static boolean hasCoding(CodeableConcept cc, String system, String code) {
        return cc != null && cc.getCoding().stream().anyMatch(c -> system.equals(c.getSystem()) && code.equals(c.getCode()));
    }
}
