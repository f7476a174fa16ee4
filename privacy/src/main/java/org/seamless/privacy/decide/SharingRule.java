package org.seamless.privacy.decide;

import java.util.Objects;
import java.util.Set;
import org.seamless.mappings.canonical.AgencyKind;
import org.seamless.mappings.canonical.SeamlessEvent;

/**
 * One row of the sharing-rule table, keyed by (event, source kind, recipient kind), optionally
 * narrowed to named recipient agencies.
 *
 * @param release             what the recipient gets when the rule applies
 * @param consentRequired     when true, the leg is withheld unless an active consent covers it
 * @param overridesObjection  when true, the legal basis overrides a recorded objection (flagged)
 */
public record SharingRule(
        String id,
        SeamlessEvent event,
        AgencyKind sourceKind,
        AgencyKind recipientKind,
        Set<String> recipientAgencies,
        String purpose,
        String legalBasis,
        boolean consentRequired,
        Release release,
        String profile,
        boolean overridesObjection) {

    /** The form of release a rule grants. */
    public enum Release {
        IDENTIFIABLE, PSEUDONYMISED, WITHHOLD
    }

    public SharingRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(sourceKind, "sourceKind");
        Objects.requireNonNull(recipientKind, "recipientKind");
        recipientAgencies = recipientAgencies == null ? Set.of() : Set.copyOf(recipientAgencies);
        Objects.requireNonNull(release, "release");
    }

    /** Whether this rule covers a leg of this event between agencies of these kinds and id. */
    public boolean covers(SeamlessEvent e, AgencyKind source, AgencyKind recipient, String recipientId) {
        return event == e && sourceKind == source && recipientKind == recipient
                && (recipientAgencies.isEmpty() || recipientAgencies.contains(recipientId));
    }
}
