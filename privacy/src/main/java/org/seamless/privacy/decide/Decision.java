package org.seamless.privacy.decide;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What may pass to one recipient, and why.
 *
 * @param outcome              release identifiable, release pseudonymised, or withhold
 * @param ruleId               the sharing rule that applied ({@code <id>/without-consent} for a rule's
 *                             fallback), or {@code no-rule} when no rule covers the leg
 * @param purpose              the purpose of the disclosure (e.g. direct-care, safeguarding)
 * @param legalBasis           the legal basis cited by the rule (e.g. "Care Act 2014 s42")
 * @param consentReference     the consent relied on, when there is one
 * @param minimisationProfile  the profile to minimise to before release
 * @param overrideReason       set when an objection was overridden by the rule's legal basis (flagged)
 * @param reasons              human-readable reasons (no personal data), for the record
 * @param allowedSensitive     the sensitivity categories the rule allows through; every other
 *                             category is removed by the sensitivity filter
 * @param sensitiveToRemove    categories found in this message that the rule does not allow. Special
 *                             category data about the subject: never logged, never in reasons;
 *                             {@link #toString()} prints only their number
 * @param consentRecorder      the agency that recorded the consent or objection record this decision
 *                             rested on (the record named by {@code consentReference}), when there is one
 */
public record Decision(
        Outcome outcome,
        String ruleId,
        String purpose,
        String legalBasis,
        Optional<String> consentReference,
        String minimisationProfile,
        Optional<String> overrideReason,
        List<String> reasons,
        Set<String> allowedSensitive,
        Set<String> sensitiveToRemove,
        Optional<String> consentRecorder) {

    public Decision {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(ruleId, "ruleId");
        consentReference = consentReference == null ? Optional.empty() : consentReference;
        overrideReason = overrideReason == null ? Optional.empty() : overrideReason;
        reasons = List.copyOf(reasons);
        allowedSensitive = allowedSensitive == null ? Set.of() : Set.copyOf(allowedSensitive);
        sensitiveToRemove = sensitiveToRemove == null ? Set.of() : Set.copyOf(sensitiveToRemove);
        consentRecorder = consentRecorder == null ? Optional.empty() : consentRecorder;
        if (consentRecorder.isPresent() && consentReference.isEmpty()) {
            throw new IllegalArgumentException("a consent recorder needs the consent reference it recorded");
        }
    }

    /** The ten-field form: no consent or objection record behind the decision. */
    public Decision(Outcome outcome, String ruleId, String purpose, String legalBasis,
                    Optional<String> consentReference, String minimisationProfile, Optional<String> overrideReason,
                    List<String> reasons, Set<String> allowedSensitive, Set<String> sensitiveToRemove) {
        this(outcome, ruleId, purpose, legalBasis, consentReference, minimisationProfile, overrideReason, reasons,
                allowedSensitive, sensitiveToRemove, Optional.empty());
    }

    /** The original eight-field form: no sensitivity categories allowed, none found. */
    public Decision(Outcome outcome, String ruleId, String purpose, String legalBasis,
                    Optional<String> consentReference, String minimisationProfile, Optional<String> overrideReason,
                    List<String> reasons) {
        this(outcome, ruleId, purpose, legalBasis, consentReference, minimisationProfile, overrideReason, reasons,
                Set.of(), Set.of());
    }

    public boolean releases() {
        return outcome != Outcome.WITHHOLD;
    }

    /** True when an objection was overridden: the IG lead reviews these. */
    public boolean flagged() {
        return overrideReason.isPresent();
    }

    /** The rule id recorded for a leg no sharing rule covers (withheld: deny by default). */
    public static final String NO_RULE = "no-rule";

    /** A withhold with no rule behind it: deny by default, recorded under {@link #NO_RULE}. */
    public static Decision withheldNoRule(String reason) {
        return new Decision(Outcome.WITHHOLD, NO_RULE, "none", "none", Optional.empty(), "none",
                Optional.empty(), List.of(reason));
    }

    /** A decision under a rule, carrying its purpose, legal basis, profile and allowed categories. */
    public static Decision forRule(SharingRule rule, Outcome outcome, String reason) {
        return new Decision(outcome, rule.id(), rule.purpose(), rule.legalBasis(), Optional.empty(), rule.profile(),
                Optional.empty(), List.of(reason), rule.allowSensitive(), Set.of());
    }

    public Decision withConsentReference(String reference) {
        return new Decision(outcome, ruleId, purpose, legalBasis, Optional.of(reference), minimisationProfile,
                overrideReason, reasons, allowedSensitive, sensitiveToRemove, Optional.empty());
    }

    /** The decision rested on this consent or objection record: its reference and its recorder. */
    public Decision withConsentRecord(String reference, String recorder) {
        return new Decision(outcome, ruleId, purpose, legalBasis, Optional.of(reference), minimisationProfile,
                overrideReason, reasons, allowedSensitive, sensitiveToRemove, Optional.of(recorder));
    }

    public Decision withOverrideReason(String reason) {
        return new Decision(outcome, ruleId, purpose, legalBasis, consentReference, minimisationProfile,
                Optional.of(reason), reasons, allowedSensitive, sensitiveToRemove, consentRecorder);
    }

    public Decision withSensitiveToRemove(Set<String> categories) {
        return new Decision(outcome, ruleId, purpose, legalBasis, consentReference, minimisationProfile,
                overrideReason, reasons, allowedSensitive, categories, consentRecorder);
    }

    public Decision withReason(String reason) {
        List<String> more = new ArrayList<>(reasons);
        more.add(reason);
        return new Decision(outcome, ruleId, purpose, legalBasis, consentReference, minimisationProfile,
                overrideReason, more, allowedSensitive, sensitiveToRemove, consentRecorder);
    }

    @Override
    public String toString() {
        return "Decision[outcome=" + outcome + ", ruleId=" + ruleId + ", purpose=" + purpose + ", legalBasis="
                + legalBasis + ", consentReference=" + consentReference.orElse("-") + ", consentRecorder=" + consentRecorder.orElse("-")
                + ", profile="
                + minimisationProfile + ", overrideReason=" + overrideReason.orElse("-") + ", reasons=" + reasons
                + ", allowedSensitive=" + allowedSensitive + ", sensitiveToRemove=" + sensitiveToRemove.size()
                + " categor" + (sensitiveToRemove.size() == 1 ? "y" : "ies") + "]";
    }
}
