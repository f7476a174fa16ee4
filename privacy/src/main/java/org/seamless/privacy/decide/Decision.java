package org.seamless.privacy.decide;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What may pass to one recipient, and why.
 *
 * @param outcome              release identifiable, release pseudonymised, or withhold
 * @param ruleId               the sharing rule that applied, or {@code none} when no rule covers the leg
 * @param purpose              the purpose of the disclosure (e.g. direct-care, safeguarding)
 * @param legalBasis           the legal basis cited by the rule (e.g. "Care Act 2014 Sch. 3")
 * @param consentReference     the consent relied on, when there is one
 * @param minimisationProfile  the profile to minimise to before release
 * @param overrideReason       set when an objection was overridden by the rule's legal basis
 * @param reasons              human-readable reasons (no personal data), for the record
 */
public record Decision(
        Outcome outcome,
        String ruleId,
        String purpose,
        String legalBasis,
        Optional<String> consentReference,
        String minimisationProfile,
        Optional<String> overrideReason,
        List<String> reasons) {

    public Decision {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(ruleId, "ruleId");
        consentReference = consentReference == null ? Optional.empty() : consentReference;
        overrideReason = overrideReason == null ? Optional.empty() : overrideReason;
        reasons = List.copyOf(reasons);
    }

    public boolean releases() {
        return outcome != Outcome.WITHHOLD;
    }

    /** A withhold with no rule behind it: deny by default. */
    public static Decision withheldNoRule(String reason) {
        return new Decision(Outcome.WITHHOLD, "none", "none", "none", Optional.empty(), "none",
                Optional.empty(), List.of(reason));
    }
}
