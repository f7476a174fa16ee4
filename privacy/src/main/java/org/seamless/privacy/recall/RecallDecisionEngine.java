package org.seamless.privacy.recall;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.recall.RecallMessages;
import org.seamless.privacy.decide.Decision;
import org.seamless.privacy.decide.DecisionEngine;
import org.seamless.privacy.decide.DecisionRequest;
import org.seamless.privacy.decide.Outcome;

/**
 * Decides recall legs (ADR 0069) and hands every other leg to the sharing rules' engine. A recall is
 * not a disclosure a rule may switch off: telling recipients of an erasure ground is the
 * controller's duty (UK GDPR Art. 19), so a well-formed recall is released under that basis, to
 * the {@code recall} minimisation profile; anything else carrying the recall event is withheld.
 */
public final class RecallDecisionEngine implements DecisionEngine {
    public static final String RULE_ID = "recall";
    public static final String PROFILE = "recall";
    public static final String LEGAL_BASIS = "UK GDPR Art. 7(3) and 17(1)(b) (consent withdrawn), 21 (objection),"
            + " 19 (notify each recipient); Art. 6(1)(c)";

    private final DecisionEngine rules;

    public RecallDecisionEngine(DecisionEngine rules) {
        this.rules = Objects.requireNonNull(rules);
    }

    @Override
    public Decision decide(DecisionRequest request, Bundle message) {
        if (request.event() != SeamlessEvent.RECALL) {
            return rules.decide(request, message);
        }
        Optional<RecallMessages.Recall> recall = RecallMessages.read(message);
        if (recall.isEmpty()) {
            return Decision.withheldNoRule("recall: not a well-formed recall message (instruction and message ids only)");
        }
        return new Decision(Outcome.RELEASE_IDENTIFIABLE, RULE_ID, recall.get().purpose() == null ? "none"
                : recall.get().purpose(), LEGAL_BASIS, Optional.empty(), PROFILE, Optional.empty(),
                List.of("recall of " + recall.get().messages().size() + " message(s) released under a consent that"
                        + " no longer stands"));
    }
}
