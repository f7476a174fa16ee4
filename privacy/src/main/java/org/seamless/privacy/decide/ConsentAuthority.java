package org.seamless.privacy.decide;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.seamless.mappings.canonical.AgencyKind;
import org.seamless.privacy.AgencyRef;
import org.seamless.privacy.consent.ConsentRecord;
import org.seamless.privacy.consent.Purpose;
import org.seamless.privacy.consent.RecipientScope;

/**
 * Who may record consents and objections, for which purposes and recipients (ADR 0032). Asked twice:
 * when a consent-update is submitted (refused with {@link Refusal#code()}), and again by the decision
 * engine for every record it reads, so that a record made without authority (before this policy, or
 * by a path that forgot to ask) never decides a leg.
 * <ul>
 *   <li>a consent whose recipient scope covers its recorder (the recorder named, or the recorder's kind)
 *       is never authorised, not even under the IG override: no agency consents to sharing with itself;</li>
 *   <li>an agency holding the IG override role may record anything else;</li>
 *   <li>otherwise a grant must match the recorder's kind, the decision (consent or objection), the
 *       purpose and the recipient's kind;</li>
 *   <li>a recorder or named recipient the agency registry does not know has no authority.</li>
 * </ul>
 */
public final class ConsentAuthority {
    /** Code of a consent whose recipient scope covers the agency recording it. */
    public static final String FOR_ITSELF = "consent-for-itself";
    /** Code of a record no grant allows the recorder to make. */
    public static final String NOT_AUTHORISED = "recorder-not-authorised";

    /** One grant: agencies of kind {@code recorder} may record these decisions for these purposes and recipient kinds. */
    public record Grant(String id, AgencyKind recorder, Set<ConsentRecord.Kind> decisions, Set<Purpose> purposes,
                        Set<AgencyKind> recipients) {
        public Grant {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(recorder, "recorder");
            decisions = Set.copyOf(decisions);
            purposes = Set.copyOf(purposes);
            recipients = Set.copyOf(recipients);
        }
    }

    /** Why a record is not authorised; {@code reason} names kinds, purposes and rules, never a person. */
    public record Refusal(String code, String reason) {
    }

    private final String version;
    private final List<Grant> grants;
    private final Set<String> igOverride;
    private final Function<String, Optional<AgencyKind>> agencies;

    /**
     * @param igOverride agency ids holding the IG override role
     * @param agencies   the kind of a registered agency by id (empty when unregistered)
     */
    public ConsentAuthority(String version, List<Grant> grants, Set<String> igOverride,
                            Function<String, Optional<AgencyKind>> agencies) {
        this.version = Objects.requireNonNull(version, "version");
        this.grants = List.copyOf(grants);
        this.igOverride = Set.copyOf(igOverride);
        this.agencies = Objects.requireNonNull(agencies, "agencies");
    }

    public String version() {
        return version;
    }

    public List<Grant> grants() {
        return grants;
    }

    public Set<String> igOverride() {
        return igOverride;
    }

    /** True when the record's recorder ({@link ConsentRecord#recorder()}) had authority to make it. */
    public boolean authorises(ConsentRecord r) {
        return refusal(r.recorder(), r.kind(), r.purpose(), r.recipient(), r.status()).isEmpty();
    }

    /** Why {@code recorderId} may not record this (in force), or empty when it may. */
    public Optional<Refusal> refusal(String recorderId, ConsentRecord.Kind kind, Purpose purpose, RecipientScope scope) {
        return refusal(recorderId, kind, purpose, scope, ConsentRecord.Status.ACTIVE);
    }

    /**
     * As above for a record in {@code status}: withdrawing a consent to sharing with itself only narrows
     * sharing, so the "never for itself" rule does not stop a recipient passing on the person's withdrawal.
     */
    public Optional<Refusal> refusal(String recorderId, ConsentRecord.Kind kind, Purpose purpose, RecipientScope scope,
                                     ConsentRecord.Status status) {
        Optional<AgencyKind> recorderKind = agencies.apply(recorderId);
        if (recorderKind.isEmpty()) {
            return Optional.of(new Refusal(NOT_AUTHORISED, "the recorder is not a registered agency"));
        }
        AgencyRef recorder = new AgencyRef(recorderId, recorderKind.get());
        if (kind == ConsentRecord.Kind.CONSENT && status == ConsentRecord.Status.ACTIVE && scope.matches(recorder)) {
            return Optional.of(new Refusal(FOR_ITSELF, "an agency may not record consent to sharing with itself"
                    + (scope.agencySpecific() ? "" : " (the recipient kind " + scope.value() + " includes the recorder)")
                    + "; the agency that discloses records the person's consent"));
        }
        if (igOverride.contains(recorderId)) {
            return Optional.empty();
        }
        Optional<AgencyKind> recipientKind = scope instanceof RecipientScope.KindScope k ? Optional.of(k.kind())
                : agencies.apply(scope.value());
        if (recipientKind.isEmpty()) {
            return Optional.of(new Refusal(NOT_AUTHORISED, "the recipient agency is not registered"));
        }
        boolean granted = grants.stream().anyMatch(g -> g.recorder() == recorder.kind() && g.decisions().contains(kind)
                && g.purposes().contains(purpose) && g.recipients().contains(recipientKind.get()));
        return granted ? Optional.empty() : Optional.of(new Refusal(NOT_AUTHORISED, "the consent authority policy ("
                + version + ") does not let " + recorder.kind().code() + " agencies record "
                + kind.name().toLowerCase(java.util.Locale.ROOT) + "s for " + purpose.code() + " to "
                + recipientKind.get().code() + " recipients"));
    }

    @Override
    public String toString() {
        return "ConsentAuthority[version=" + version + ", " + grants.size() + " grants, igOverride=" + igOverride + "]";
    }
}
