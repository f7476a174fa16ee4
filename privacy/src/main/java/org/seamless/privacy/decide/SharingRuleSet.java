package org.seamless.privacy.decide;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.seamless.mappings.canonical.AgencyKind;
import org.seamless.mappings.canonical.SeamlessEvent;

/** A versioned, validated table of sharing rules. */
public record SharingRuleSet(String version, List<SharingRule> rules) {

    public SharingRuleSet {
        rules = List.copyOf(rules);
    }

    /**
     * The rule for a leg: a rule narrowed to named agencies wins over a kind-wide one.
     */
    public Optional<SharingRule> ruleFor(SeamlessEvent event, AgencyKind source, AgencyKind recipientKind,
                                         String recipientId) {
        return rules.stream()
                .filter(r -> r.covers(event, source, recipientKind, recipientId))
                .min(Comparator.comparing(r -> r.recipientAgencies().isEmpty()));
    }

    /** The recipient kinds that some rule lets this event reach from this source kind. */
    public Set<AgencyKind> recipientKindsFor(SeamlessEvent event, AgencyKind source) {
        return rules.stream()
                .filter(r -> r.event() == event && r.sourceKind() == source)
                .map(SharingRule::recipientKind)
                .collect(Collectors.toUnmodifiableSet());
    }
}
