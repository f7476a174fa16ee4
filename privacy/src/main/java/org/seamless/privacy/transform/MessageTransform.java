package org.seamless.privacy.transform;

import org.hl7.fhir.r4.model.Bundle;
import org.seamless.privacy.decide.Decision;
import org.seamless.privacy.decide.DecisionRequest;

/**
 * "What must be removed or replaced before it passes?" Runs only after a releasing decision.
 * Implementations return a new bundle and never modify the input, which is shared between
 * recipient legs.
 */
public interface MessageTransform {
    Bundle apply(Bundle message, DecisionRequest request, Decision decision);
}
