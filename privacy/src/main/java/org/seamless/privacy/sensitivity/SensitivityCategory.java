package org.seamless.privacy.sensitivity;

import java.util.Objects;
import java.util.Set;

/**
 * A named kind of sensitive content that sharing rules may allow by name: either a set of clinical
 * codes (exact matches, no subsumption: expand a value set before listing it) or a set of security
 * labels ({@code meta.security}), or both.
 *
 * @param note where the list comes from and what it is for, for the IG lead
 */
public record SensitivityCategory(String name, Set<CodeRef> codes, Set<CodeRef> securityLabels, String note) {
    public SensitivityCategory {
        Objects.requireNonNull(name, "name");
        codes = codes == null ? Set.of() : Set.copyOf(codes);
        securityLabels = securityLabels == null ? Set.of() : Set.copyOf(securityLabels);
        note = note == null ? "" : note;
        if (codes.isEmpty() && securityLabels.isEmpty()) {
            throw new IllegalArgumentException("sensitivity category " + name + " lists no codes and no labels");
        }
    }

    /** True when the category is about security labels (a labelled resource is restricted as a whole). */
    public boolean isLabelCategory() {
        return !securityLabels.isEmpty();
    }
}
