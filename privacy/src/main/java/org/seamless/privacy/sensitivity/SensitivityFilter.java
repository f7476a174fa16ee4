package org.seamless.privacy.sensitivity;

import ca.uhn.fhir.util.FhirTerser;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.seamless.privacy.decide.Decision;
import org.seamless.privacy.decide.DecisionRequest;
import org.seamless.privacy.transform.MessageTransform;

/**
 * Removes sensitive content the decision's rule does not allow, before minimisation:
 * <ul>
 *   <li>a resource labelled with a restricted label, or carrying a suppressed code anywhere, is
 *       removed from the bundle whole;</li>
 *   <li>except the MessageHeader, the subject Patient and the header's focus resources, which the
 *       message cannot do without: from these only the offending CodeableConcepts/Codings are
 *       emptied (text included) and the narrative is dropped. A restricted label on one of them
 *       means the decision should have withheld, and the filter refuses;</li>
 *   <li>every reference to a removed resource is emptied (display too) and the referring resource's
 *       narrative dropped, so nothing dangling reveals that it existed.</li>
 * </ul>
 * The input bundle is never modified.
 */
public class SensitivityFilter implements MessageTransform {
    private final SensitivityPolicy policy;

    public SensitivityFilter(SensitivityPolicy policy) {
        this.policy = Objects.requireNonNull(policy);
    }

    @Override
    public Bundle apply(Bundle message, DecisionRequest request, Decision decision) {
        Set<String> allowed = decision.allowedSensitive();
        Bundle out = message.copy();
        if (anyNotAllowed(policyLabels(out), allowed)) {
            throw new IllegalStateException("the message is labelled restricted; the decision should have withheld it");
        }
        MessageAnatomy anatomy = MessageAnatomy.of(out);
        List<Bundle.BundleEntryComponent> removed = new ArrayList<>();
        for (Bundle.BundleEntryComponent e : out.getEntry()) {
            Resource r = e.getResource();
            if (r == null || !anyNotAllowed(policy.categoriesOf(r), allowed)) {
                continue;
            }
            if (!anatomy.isEssential(r)) {
                removed.add(e);
            } else if (anyNotAllowed(policy.labelCategoriesOf(r), allowed)) {
                throw new IllegalStateException("a " + r.fhirType()
                        + " the message cannot do without is labelled restricted; the decision should have withheld it");
            } else {
                scrubCodes(r, allowed);
            }
        }
        out.getEntry().removeAll(removed);
        if (!removed.isEmpty()) {
            out.getEntry().forEach(e -> dropReferencesTo(removed, e.getResource()));
        }
        return out;
    }

    /** Empties every CodeableConcept holding a suppressed coding, then any stray suppressed Coding. */
    private void scrubCodes(Resource r, Set<String> allowed) {
        FhirTerser terser = SensitivityPolicy.terser();
        for (CodeableConcept cc : terser.getAllPopulatedChildElementsOfType(r, CodeableConcept.class)) {
            if (cc.getCoding().stream().anyMatch(c -> suppressed(c, allowed))) {
                cc.setCoding(new ArrayList<>());
                cc.setText(null);
                cc.setExtension(new ArrayList<>());
            }
        }
        for (Coding c : terser.getAllPopulatedChildElementsOfType(r, Coding.class)) {
            if (suppressed(c, allowed)) {
                c.setSystem(null).setCode(null).setDisplay(null).setVersion(null).setUserSelectedElement(null);
                c.setExtension(new ArrayList<>());
            }
        }
        dropNarrative(r);
    }

    private void dropReferencesTo(List<Bundle.BundleEntryComponent> removed, Resource r) {
        if (r == null) {
            return;
        }
        boolean touched = false;
        for (Reference ref : SensitivityPolicy.terser().getAllPopulatedChildElementsOfType(r, Reference.class)) {
            if (removed.stream().anyMatch(e -> BundleReferences.pointsAt(ref, e))) {
                ref.setReference(null).setDisplay(null).setIdentifier(null).setType(null);
                ref.setResource(null);
                ref.setExtension(new ArrayList<>());
                touched = true;
            }
        }
        if (touched) {
            dropNarrative(r);
        }
    }

    private boolean suppressed(Coding c, Set<String> allowed) {
        return anyNotAllowed(policy.categoriesOfCoding(c), allowed);
    }

    private Set<String> policyLabels(Bundle b) {
        return policy.labelCategoriesOf(b);
    }

    private static boolean anyNotAllowed(Set<String> categories, Set<String> allowed) {
        return categories.stream().anyMatch(c -> !allowed.contains(c));
    }

    private static void dropNarrative(Resource r) {
        if (r instanceof DomainResource dr) {
            dr.setText(null); // the narrative may restate what was removed
        }
    }
}
