package org.seamless.privacy.decide;

import org.hl7.fhir.r4.model.Bundle;

/**
 * "May this pass, and in what form?" Answers only that question: removing content is the job
 * of the transform stage. Deny by default: a leg no rule covers is withheld.
 */
public interface DecisionEngine {
    Decision decide(DecisionRequest request, Bundle message);
}
