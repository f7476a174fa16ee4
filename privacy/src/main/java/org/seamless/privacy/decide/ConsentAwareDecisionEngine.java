package org.seamless.privacy.decide;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.seamless.privacy.consent.ConsentRegistry;
import org.seamless.privacy.consent.ConsentStanding;
import org.seamless.privacy.consent.Purpose;
import org.seamless.privacy.identify.Subject;
import org.seamless.privacy.identify.WithheldReason;
import org.seamless.privacy.sensitivity.SensitivityAssessment;
import org.seamless.privacy.sensitivity.SensitivityPolicy;

/**
 * The decision engine of the hub. Checks run in this order, and the first that withholds wins:
 * <ol>
 *   <li>rule: no rule covers the leg, or the rule says withhold: WITHHOLD (deny by default);</li>
 *   <li>consent rule: release only with a consent in force at {@code request.at()} (its reference is
 *       carried); a withheld NHS number can never satisfy this; an objection withholds; no consent
 *       falls back to the rule's {@code without-consent} form, if it has one, else withholds;</li>
 *   <li>other rules: an objection in force (or carried in the message as the withheld reason)
 *       withholds, unless the rule overrides objections: then release, flagged with the override reason;</li>
 *   <li>sensitivity: a restricted label on the message or on a resource it cannot do without
 *       withholds; other sensitive categories the rule does not allow are listed for the filter to remove.</li>
 * </ol>
 * Consent is read at decision time, so a replay or a redelivery sees today's consent. Only records
 * whose recorder had authority to make them ({@link ConsentAuthority}, ADR 0032) are read: a record
 * made without authority can neither release, nor withhold, nor withdraw another. A decision that
 * rested on a record carries its reference and its recorder.
 */
public class ConsentAwareDecisionEngine implements DecisionEngine {
    private final SharingRuleSet rules;
    private final ConsentRegistry registry;
    private final SensitivityPolicy sensitivity;
    private final ConsentAuthority authority;

    public ConsentAwareDecisionEngine(SharingRuleSet rules, ConsentRegistry registry, SensitivityPolicy sensitivity,
                                      ConsentAuthority authority) {
        this.rules = Objects.requireNonNull(rules);
        this.registry = Objects.requireNonNull(registry);
        this.sensitivity = Objects.requireNonNull(sensitivity);
        this.authority = Objects.requireNonNull(authority);
    }

    private ConsentStanding standing(Subject subject, SharingRule rule, DecisionRequest req) {
        return registry.standing(subject.nhsNumber().orElseThrow(), purposeOf(rule), req.recipient(), req.at(),
                authority::authorises);
    }

    @Override
    public Decision decide(DecisionRequest req, Bundle message) {
        Optional<SharingRule> match = rules.ruleFor(req.event(), req.source().kind(), req.recipient().kind(),
                req.recipient().id());
        if (match.isEmpty()) {
            return Decision.withheldNoRule("no sharing rule covers " + req.event().code() + " from "
                    + req.source().kind().code() + " to " + req.recipient().kind().code() + " " + req.recipient().id());
        }
        SharingRule rule = match.get();
        if (rule.release() == SharingRule.Release.WITHHOLD) {
            return Decision.forRule(rule, Outcome.WITHHOLD, "rule " + rule.id() + " withholds this leg");
        }
        Decision decision = rule.consentRequired() ? consentRule(rule, req) : otherRule(rule, req);
        return decision.releases() ? withSensitivity(decision, rule, message) : decision;
    }

    private Decision consentRule(SharingRule rule, DecisionRequest req) {
        Subject subject = req.subject();
        if (!subject.isIdentified()) {
            return noConsent(rule, "consent required, and a subject whose NHS number is withheld ("
                    + subject.withheldReason().orElseThrow().code() + ") cannot be matched to a consent");
        }
        ConsentStanding standing = standing(subject, rule, req);
        return switch (standing.position()) {
            case CONSENTED -> rested(Decision.forRule(rule, releaseOf(rule), "consent in force for " + rule.purpose()),
                    standing);
            case OBJECTED -> rested(Decision.forRule(rule, Outcome.WITHHOLD, "consent required; objection "
                    + standing.governing().orElseThrow().reference() + " in force for " + rule.purpose()), standing);
            case NONE -> noConsent(rule, "consent required and none in force for " + rule.purpose()
                    + " to " + req.recipient().id());
        };
    }

    private static Decision noConsent(SharingRule rule, String reason) {
        return rule.withoutConsent()
                .map(f -> new Decision(Outcome.RELEASE_PSEUDONYMISED, rule.id() + "/without-consent", rule.purpose(),
                        f.legalBasis(), Optional.empty(), f.profile(), Optional.empty(),
                        List.of(reason, "released pseudonymised under the rule's without-consent basis"),
                        rule.allowSensitive(), Set.of()))
                .orElseGet(() -> Decision.forRule(rule, Outcome.WITHHOLD, reason));
    }

    private Decision otherRule(SharingRule rule, DecisionRequest req) {
        Subject subject = req.subject();
        Optional<String> objection;
        ConsentStanding standing = ConsentStanding.none();
        if (subject.isIdentified()) {
            standing = standing(subject, rule, req);
            objection = standing.position() == ConsentStanding.Position.OBJECTED
                    ? Optional.of("objection " + standing.governing().orElseThrow().reference())
                    : Optional.empty();
        } else {
            objection = subject.withheldReason().filter(r -> r == WithheldReason.OBJECTION_S251A)
                    .map(r -> "objection carried in the message (" + r.code() + ")");
        }
        Decision released = Decision.forRule(rule, releaseOf(rule), "rule " + rule.id() + " under " + rule.legalBasis());
        if (objection.isEmpty()) {
            return released;
        }
        if (!rule.overridesObjection()) {
            return rested(Decision.forRule(rule, Outcome.WITHHOLD, objection.get() + " in force for " + rule.purpose()
                    + "; rule " + rule.id() + " does not override objections"), standing);
        }
        // the legal basis is recorded beside the override reason; keep the reason short for the ledger
        return rested(released.withOverrideReason(objection.get() + " overridden by rule " + rule.id())
                .withReason("objection overridden under the rule's legal basis: flagged for review"), standing);
    }

    /** The decision names the record it rested on (reference and recorder), when one governed. */
    private static Decision rested(Decision d, ConsentStanding standing) {
        return standing.governing().map(r -> d.withConsentRecord(r.reference(), r.recorder())).orElse(d);
    }

    private Decision withSensitivity(Decision decision, SharingRule rule, Bundle message) {
        SensitivityAssessment a = sensitivity.assess(message, rule.allowSensitive());
        if (a.blocking().isPresent()) {
            return new Decision(Outcome.WITHHOLD, decision.ruleId(), decision.purpose(), decision.legalBasis(),
                    decision.consentReference(), decision.minimisationProfile(), decision.overrideReason(),
                    List.of(a.blocking().get() + " and rule " + rule.id() + " does not allow it"),
                    decision.allowedSensitive(), Set.of(), decision.consentRecorder());
        }
        if (a.toRemove().isEmpty()) {
            return decision;
        }
        // the categories stay out of the reasons: they are special category data about the subject
        return decision.withSensitiveToRemove(a.toRemove())
                .withReason("sensitive content the rule does not allow is removed before release");
    }

    private static Outcome releaseOf(SharingRule rule) {
        return rule.release() == SharingRule.Release.PSEUDONYMISED ? Outcome.RELEASE_PSEUDONYMISED
                : Outcome.RELEASE_IDENTIFIABLE;
    }

    private static Purpose purposeOf(SharingRule rule) {
        return Purpose.fromCode(rule.purpose()).orElseThrow(() -> new IllegalStateException(
                "rule " + rule.id() + " has unknown purpose '" + rule.purpose() + "'; load rules with SharingRulesLoader"));
    }
}
