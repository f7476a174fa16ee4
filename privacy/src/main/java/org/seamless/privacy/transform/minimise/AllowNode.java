package org.seamless.privacy.transform.minimise;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Base;

/**
 * The allow-list of one resource type as a tree: which children of an element are released,
 * whether an element is released whole, which extension URLs it keeps, and the
 * {@code where(...)} conditions (any of which admits a value).
 */
final class AllowNode {
    private final String property;
    private final String typeFilter;
    private final Map<String, AllowNode> children = new LinkedHashMap<>();
    private final Set<String> extensionUrls = new LinkedHashSet<>();
    private final List<PathStep.Condition> conditions = new ArrayList<>();
    private boolean whole;
    private boolean reachedUnfiltered;

    private AllowNode(String property, String typeFilter) {
        this.property = property;
        this.typeFilter = typeFilter;
    }

    /** The tree for one resource type; IllegalArgumentException when paths contradict each other. */
    static AllowNode of(String resourceType, Collection<ProfilePath> paths) {
        AllowNode root = new AllowNode(null, null);
        for (ProfilePath path : paths) {
            AllowNode node = root;
            for (PathStep step : path.steps()) {
                if (step.isExtension()) {
                    node.extensionUrls.add(step.extensionUrl());
                    continue;
                }
                node = node.children.computeIfAbsent(step.property() + "|" + step.typeFilter(),
                        k -> new AllowNode(step.property(), step.typeFilter()));
                if (step.where() == null) {
                    node.reachedUnfiltered = true;
                } else if (!node.conditions.contains(step.where())) {
                    node.conditions.add(step.where());
                }
            }
            PathStep last = path.steps().isEmpty() ? null : path.steps().get(path.steps().size() - 1);
            if (last != null && !last.isExtension()) {
                node.whole = true;
            }
        }
        root.check(resourceType);
        return root;
    }

    private void check(String at) {
        if (!conditions.isEmpty() && reachedUnfiltered) {
            throw new IllegalArgumentException("'" + at + "' is listed both with and without where(...)");
        }
        children.values().forEach(c -> c.check(at + "." + c.property));
    }

    /** Whether a value of this element is released: its choice type and a where condition match. */
    boolean admits(Base value) {
        if (typeFilter != null && !typeFilter.equals(value.fhirType())) {
            return false;
        }
        return conditions.isEmpty() || conditions.stream().anyMatch(c -> c.test(value));
    }

    String property() {
        return property;
    }

    boolean whole() {
        return whole;
    }

    Collection<AllowNode> children() {
        return Collections.unmodifiableCollection(children.values());
    }

    Set<String> extensionUrls() {
        return Collections.unmodifiableSet(extensionUrls);
    }
}
