package org.seamless.hub.consent;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.mappings.consent.ConsentMessages;
import org.seamless.mappings.consent.ConsentSpec;
import org.seamless.privacy.consent.ConsentRecord;
import org.seamless.privacy.consent.ConsentRegistry;
import org.seamless.privacy.consent.RecipientScope;
import org.springframework.stereotype.Component;

/**
 * {@code POST /api/v1/consents/{reference}/withdrawal}: finds what the sending agency recorded under
 * the reference and publishes the same Consent as {@code inactive}, so the hub withdraws every entry.
 */
@Component
public class ConsentWithdrawals {
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private final ConsentRegistry registry;
    private final ConsentSubmissions submissions;

    public ConsentWithdrawals(ConsentRegistry registry, ConsentSubmissions submissions) {
        this.registry = registry;
        this.submissions = submissions;
    }

    /**
     * @param localReference the sender's reference (as in the form's {@code reference} or the Consent's id)
     * @param system         the identifier system, for a FHIR Consent sent with its own identifier; else null
     */
    public ConsentSubmissions.Accepted withdraw(AgencyConfig source, String localReference, String system) {
        if (localReference == null || localReference.isBlank() || localReference.length() > 64
                || (system != null && (system.isBlank() || system.length() > 135 || system.contains("|")))) {
            throw new ConsentApiException(ConsentProblemType.INVALID_FIELD, "invalid-reference",
                    "the reference must be 1-64 characters and the system a URI without '|'");
        }
        String reference = system == null ? ConsentMessages.referenceFor(source.id(), localReference)
                : system + "|" + localReference;
        List<ConsentRecord> records = registry.byReference(reference);
        // why: another agency's consent is reported as unknown, not as forbidden, so its existence is not revealed
        if (records.isEmpty() || records.stream().anyMatch(r -> !ConsentSubmissions.isOwn(r, source)
                && r.status() == ConsentRecord.Status.ACTIVE)) {
            throw new ConsentApiException(ConsentProblemType.UNKNOWN_REFERENCE, "unknown-reference",
                    "no consent recorded by you has this reference (a consent just sent may not be applied yet)");
        }
        Map<ConsentRecord.EntryKey, ConsentRecord> latest = new LinkedHashMap<>();
        records.forEach(r -> latest.put(r.entryKey(), r));
        List<ConsentRecord> active = latest.values().stream().filter(r -> r.status() == ConsentRecord.Status.ACTIVE)
                .toList();
        if (active.isEmpty()) {
            throw new ConsentApiException(ConsentProblemType.CONFLICT, "already-withdrawn",
                    "the consent under this reference is already withdrawn");
        }
        ConsentRecord first = active.get(0);
        ConsentSpec spec = new ConsentSpec(reference, first.nhsNumber().value(),
                first.kind() == ConsentRecord.Kind.OBJECTION,
                active.stream().map(r -> r.purpose().code()).distinct().toList(),
                active.stream().map(ConsentRecord::recipient).distinct().map(ConsentWithdrawals::recipient).toList(),
                LocalDate.ofInstant(first.periodStart(), LONDON),
                first.periodEnd().map(e -> LocalDate.ofInstant(e.minusNanos(1000), LONDON)).orElse(null), false);
        return submissions.publish(source, ConsentMessages.toConsent(spec), null, "application/fhir+json");
    }

    private static ConsentSpec.Recipient recipient(RecipientScope scope) {
        return scope.agencySpecific() ? ConsentSpec.Recipient.agency(scope.value()) : ConsentSpec.Recipient.kind(scope.value());
    }
}
