package org.seamless.privacy.consent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Identifier;
import org.seamless.mappings.canonical.AgencyKind;
import org.seamless.mappings.canonical.NhsNumber;

/**
 * FHIR R4 {@code Consent} to registry records: one record per (purpose, recipient) the Consent
 * names, all under one reference. Deny maps to OBJECTION, permit to CONSENT. An objection that names
 * no purpose or no recipient covers all of them; a consent must name both. Anything the mapping
 * cannot read with certainty is a {@link ConsentMappingException} naming the element path.
 */
public class FhirConsentMapper {
    static final String V3_ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";

    private final FhirConsentRecipients recipients;

    public FhirConsentMapper(AgencyDirectory directory) {
        this.recipients = new FhirConsentRecipients(directory);
    }

    /** Maps every Consent in a bundle (e.g. a consent-update message), resolving patients in the same bundle. */
    public List<ConsentRecord> mapAll(Bundle bundle, String source, Instant recordedAt) {
        List<ConsentRecord> out = new ArrayList<>();
        for (int i = 0; i < bundle.getEntry().size(); i++) {
            if (bundle.getEntry().get(i).getResource() instanceof Consent consent) {
                out.addAll(map(consent, bundle, source, recordedAt, "Bundle.entry[" + i + "].resource"));
            }
        }
        if (out.isEmpty()) {
            throw new ConsentMappingException("no-consent", "Bundle.entry", "the bundle carries no Consent");
        }
        return out;
    }

    /**
     * Maps one Consent.
     *
     * @param bundle the bundle the Consent came in, for resolving its patient and actors; may be null
     */
    public List<ConsentRecord> map(Consent consent, Bundle bundle, String source, Instant recordedAt) {
        return map(consent, bundle, source, recordedAt, "Consent");
    }

    private List<ConsentRecord> map(Consent consent, Bundle bundle, String source, Instant recordedAt, String path) {
        ConsentRecord.Status status = statusOf(consent, path);
        NhsNumber nhs = FhirConsentSubject.nhsNumberOf(consent, bundle, path);
        String reference = referenceOf(consent, source, path);
        if (!consent.getProvision().getProvision().isEmpty()) {
            throw new ConsentMappingException("nested-provision-unsupported", path + ".provision.provision",
                    "nested provisions (exceptions) are not supported; send one Consent per decision");
        }
        ConsentRecord.Kind kind = kindOf(consent, path);
        List<Purpose> purposes = purposesOf(consent, kind, path);
        List<RecipientScope> scopes = recipients.scopesOf(consent, bundle, path);
        if (scopes.isEmpty()) {
            if (kind == ConsentRecord.Kind.CONSENT) {
                throw new ConsentMappingException("no-recipient", path + ".provision.actor",
                        "a consent must name its recipients (information-recipient actors)");
            }
            Arrays.stream(AgencyKind.values()).forEach(k -> scopes.add(RecipientScope.kind(k)));
        }
        Instant start = consent.getProvision().getPeriod().hasStart()
                ? FhirDates.start(consent.getProvision().getPeriod().getStartElement())
                : consent.hasDateTime() ? FhirDates.start(consent.getDateTimeElement()) : recordedAt;
        Optional<Instant> end = consent.getProvision().getPeriod().hasEnd()
                ? Optional.of(FhirDates.endExclusive(consent.getProvision().getPeriod().getEndElement()))
                : Optional.empty();
        if (end.isPresent() && !end.get().isAfter(start)) {
            throw new ConsentMappingException("invalid-period", path + ".provision.period",
                    "the period ends before it starts");
        }
        List<ConsentRecord> out = new ArrayList<>();
        for (Purpose p : purposes) {
            for (RecipientScope s : scopes) {
                out.add(new ConsentRecord(nhs, kind, p, s, start, end, status, source, reference, recordedAt));
            }
        }
        return out;
    }

    private static ConsentRecord.Status statusOf(Consent consent, String path) {
        Consent.ConsentState state = consent.getStatus();
        if (state == null) {
            throw new ConsentMappingException("no-status", path + ".status", "the Consent has no status");
        }
        return switch (state) {
            case ACTIVE -> ConsentRecord.Status.ACTIVE;
            // rejected: never came into force; entered-in-error: must not be relied on
            case INACTIVE, REJECTED, ENTEREDINERROR -> ConsentRecord.Status.WITHDRAWN;
            default -> throw new ConsentMappingException("not-in-force", path + ".status",
                    "a " + state.toCode() + " Consent is not a decision the registry can record");
        };
    }

    private static ConsentRecord.Kind kindOf(Consent consent, String path) {
        Consent.ConsentProvisionType type = consent.getProvision().getType();
        if (type == Consent.ConsentProvisionType.DENY) {
            return ConsentRecord.Kind.OBJECTION;
        }
        if (type == Consent.ConsentProvisionType.PERMIT) {
            return ConsentRecord.Kind.CONSENT;
        }
        // no provision.type: fall back on the base policy, when it is one of the two v3 opt codes
        if (FhirConsentRecipients.hasCoding(consent.getPolicyRule(), V3_ACT_CODE, "OPTOUT")) {
            return ConsentRecord.Kind.OBJECTION;
        }
        if (FhirConsentRecipients.hasCoding(consent.getPolicyRule(), V3_ACT_CODE, "OPTIN")) {
            return ConsentRecord.Kind.CONSENT;
        }
        throw new ConsentMappingException("no-decision", path + ".provision.type",
                "neither provision.type (permit/deny) nor policyRule (OPTIN/OPTOUT) says what was decided");
    }

    private static List<Purpose> purposesOf(Consent consent, ConsentRecord.Kind kind, String path) {
        List<Coding> codings = consent.getProvision().getPurpose();
        Set<Purpose> out = new LinkedHashSet<>();
        for (int i = 0; i < codings.size(); i++) {
            Coding c = codings.get(i);
            int index = i;
            out.add(FhirPurposeCodes.purposeOf(c).orElseThrow(() -> new ConsentMappingException("unknown-purpose",
                    path + ".provision.purpose[" + index + "]",
                    "purpose " + c.getSystem() + "|" + c.getCode() + " is not in the purpose mapping table")));
        }
        if (out.isEmpty()) {
            if (kind == ConsentRecord.Kind.CONSENT) {
                throw new ConsentMappingException("no-purpose", path + ".provision.purpose",
                        "a consent must state its purpose");
            }
            out.addAll(Arrays.asList(Purpose.values())); // an objection with no purpose objects to all
        }
        return new ArrayList<>(out);
    }

    private static String referenceOf(Consent consent, String source, String path) {
        for (Identifier id : consent.getIdentifier()) {
            if (id.hasSystem() && id.hasValue()) {
                return checkLength(id.getSystem() + "|" + id.getValue(), path + ".identifier");
            }
        }
        String idPart = consent.getIdElement().getIdPart();
        if (idPart != null && !idPart.isBlank()) {
            return checkLength(source + "/Consent/" + idPart, path + ".id");
        }
        throw new ConsentMappingException("no-reference", path + ".identifier",
                "the Consent has neither an identifier (system and value) nor an id to refer to it by");
    }

    private static String checkLength(String reference, String location) {
        if (reference.length() > 200) {
            throw new ConsentMappingException("reference-too-long", location, "the consent reference exceeds 200 characters");
        }
        return reference;
    }
}
