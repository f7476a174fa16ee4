package org.seamless.privacy.transform.minimise;

import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Property;

/**
 * One step of an allow-list path: an element (its HAPI property name, e.g. {@code event[x]},
 * optionally narrowed to one choice type and by a {@code where(child='literal')} condition), or
 * a final {@code extension('url')}.
 */
record PathStep(String property, String typeFilter, Condition where, String extensionUrl) {

    static PathStep element(String property, String typeFilter, Condition where) {
        return new PathStep(property, typeFilter, where, null);
    }

    static PathStep extension(String url) {
        return new PathStep(null, null, null, url);
    }

    boolean isExtension() {
        return extensionUrl != null;
    }

    /** {@code where(child='literal')}: true when some value of the primitive child equals the literal. */
    record Condition(String child, String literal) {
        boolean test(Base element) {
            Property p = element.getNamedProperty(child);
            return p != null && p.getValues().stream()
                    .anyMatch(v -> v != null && literal.equals(v.primitiveValue()));
        }

        @Override
        public String toString() {
            return "where(" + child + "='" + literal + "')";
        }
    }
}
