package org.seamless.privacy.decide;

import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;

/**
 * Decides from the sharing-rule table alone: the rule's release form applies, a leg no rule
 * covers is withheld, and a rule that requires consent withholds (consent is checked by the
 * registry-aware engine that wraps this one).
 */
public class RuleTableDecisionEngine implements DecisionEngine {
    private final SharingRuleSet rules;

    public RuleTableDecisionEngine(SharingRuleSet rules) {
        this.rules = rules;
    }

    @Override
    public Decision decide(DecisionRequest req, Bundle message) {
        Optional<SharingRule> match = rules.ruleFor(req.event(), req.source().kind(), req.recipient().kind(),
                req.recipient().id());
        if (match.isEmpty()) {
            return Decision.withheldNoRule("no sharing rule covers " + req.event().code() + " from "
                    + req.source().kind().code() + " to " + req.recipient().kind().code());
        }
        SharingRule rule = match.get();
        if (rule.consentRequired()) {
            return decision(rule, Outcome.WITHHOLD, "consent required and no consent registry consulted");
        }
        Outcome outcome = switch (rule.release()) {
            case IDENTIFIABLE -> Outcome.RELEASE_IDENTIFIABLE;
            case PSEUDONYMISED -> Outcome.RELEASE_PSEUDONYMISED;
            case WITHHOLD -> Outcome.WITHHOLD;
        };
        return decision(rule, outcome, "rule " + rule.id());
    }

    static Decision decision(SharingRule rule, Outcome outcome, String reason) {
        return Decision.forRule(rule, outcome, reason);
    }
}
