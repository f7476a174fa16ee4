package org.seamless.privacy.sensitivity;

import java.util.Optional;
import java.util.Set;

/**
 * What sensitive content a message holds for one rule. Category names here are themselves
 * special-category data about the subject: keep them out of logs, reasons and the ledger.
 *
 * @param present  every category found in the message
 * @param toRemove the categories found that the rule does not allow: the filter removes them
 * @param blocking set when a non-allowed restricted label sits on the message itself or on a
 *                 resource it cannot do without: the leg must be withheld; the text names no category
 */
public record SensitivityAssessment(Set<String> present, Set<String> toRemove, Optional<String> blocking) {
    public SensitivityAssessment {
        present = Set.copyOf(present);
        toRemove = Set.copyOf(toRemove);
        blocking = blocking == null ? Optional.empty() : blocking;
    }

    @Override
    public String toString() {
        return "SensitivityAssessment[present=" + present.size() + ", toRemove=" + toRemove.size()
                + ", blocking=" + blocking.isPresent() + "]";
    }
}
