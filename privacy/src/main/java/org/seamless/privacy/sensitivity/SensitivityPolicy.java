package org.seamless.privacy.sensitivity;

import ca.uhn.fhir.util.FhirTerser;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Resource;
import org.seamless.mappings.canonical.FhirContexts;

/**
 * Which content counts as sensitive: named categories of suppressed codes and of restricted security
 * labels. Answers "what is in this resource/message?"; removing it is {@link SensitivityFilter}'s job.
 */
public final class SensitivityPolicy {
    private final Map<String, SensitivityCategory> categories = new LinkedHashMap<>();
    private final Map<CodeRef, Set<String>> byCode = new HashMap<>();
    private final Map<CodeRef, Set<String>> byLabel = new HashMap<>();

    public SensitivityPolicy(Collection<SensitivityCategory> categories) {
        for (SensitivityCategory c : categories) {
            if (this.categories.put(c.name(), c) != null) {
                throw new IllegalArgumentException("sensitivity category " + c.name() + " is defined twice");
            }
            c.codes().forEach(code -> byCode.computeIfAbsent(code, k -> new TreeSet<>()).add(c.name()));
            c.securityLabels().forEach(l -> byLabel.computeIfAbsent(l, k -> new TreeSet<>()).add(c.name()));
        }
    }

    /** The shipped illustrative defaults ({@link DefaultSensitivityCodes}). */
    public static SensitivityPolicy defaults() {
        return new SensitivityPolicy(DefaultSensitivityCodes.categories());
    }

    public Set<String> categoryNames() {
        return Set.copyOf(categories.keySet());
    }

    public Optional<SensitivityCategory> category(String name) {
        return Optional.ofNullable(categories.get(name));
    }

    /** The categories of the codes this coding carries. */
    public Set<String> categoriesOfCoding(Coding coding) {
        return byCode.getOrDefault(CodeRef.of(coding), Set.of());
    }

    /** Label categories from meta.security of the resource and of its contained resources. */
    public Set<String> labelCategoriesOf(Resource resource) {
        Set<String> out = new TreeSet<>();
        labelsOf(resource.getMeta().getSecurity(), out);
        if (resource instanceof DomainResource dr) {
            dr.getContained().forEach(c -> labelsOf(c.getMeta().getSecurity(), out));
        }
        return out;
    }

    /** Code categories anywhere in the resource, contained resources included. */
    public Set<String> codeCategoriesOf(Resource resource) {
        Set<String> out = new TreeSet<>();
        for (Coding c : terser().getAllPopulatedChildElementsOfType(resource, Coding.class)) {
            out.addAll(categoriesOfCoding(c));
        }
        return out;
    }

    public Set<String> categoriesOf(Resource resource) {
        Set<String> out = labelCategoriesOf(resource);
        out.addAll(codeCategoriesOf(resource));
        return out;
    }

    /** Every category present in a message: its own labels and those of every entry. */
    public Set<String> categoriesIn(Bundle message) {
        Set<String> out = new TreeSet<>();
        labelsOf(message.getMeta().getSecurity(), out);
        message.getEntry().stream().filter(e -> e.getResource() != null)
                .forEach(e -> out.addAll(categoriesOf(e.getResource())));
        return out;
    }

    /** Assesses a message against the categories a rule allows. */
    public SensitivityAssessment assess(Bundle message, Set<String> allowed) {
        MessageAnatomy anatomy = MessageAnatomy.of(message);
        Set<String> present = new TreeSet<>();
        labelsOf(message.getMeta().getSecurity(), present);
        boolean blocking = present.stream().anyMatch(c -> !allowed.contains(c));
        for (Bundle.BundleEntryComponent e : message.getEntry()) {
            Resource r = e.getResource();
            if (r == null) {
                continue;
            }
            present.addAll(codeCategoriesOf(r));
            Set<String> labels = labelCategoriesOf(r);
            present.addAll(labels);
            blocking |= anatomy.isEssential(r) && labels.stream().anyMatch(c -> !allowed.contains(c));
        }
        Set<String> toRemove = new TreeSet<>(present);
        toRemove.removeAll(allowed);
        return new SensitivityAssessment(present, toRemove, blocking
                ? Optional.of("restricted security label on the message, its header, subject or focus")
                : Optional.empty());
    }

    private void labelsOf(List<Coding> security, Set<String> out) {
        security.forEach(l -> out.addAll(byLabel.getOrDefault(CodeRef.of(l), Set.of())));
    }

    static FhirTerser terser() {
        return FhirContexts.r4().newTerser();
    }

    @Override
    public String toString() {
        return "SensitivityPolicy" + categories.keySet();
    }
}
