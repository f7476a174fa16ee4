package org.seamless.privacy.transform;

import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Property;

/**
 * Walks a FHIR element tree depth first through HAPI's model API ({@link Base#children()},
 * {@link Base#removeChild}), letting a rule keep, drop or descend into each child. Children
 * left empty by the walk are removed too, so nothing is left behind as an empty placeholder.
 * Use it on copies only: it changes the tree it walks.
 */
public final class ElementWalker {

    /** What to do with one child element. */
    public enum Action {
        /** Keep the child as it is. */
        KEEP,
        /** Keep the child and apply the rule to its own children. */
        DESCEND,
        /** Remove the child from its parent. */
        REMOVE
    }

    /** Decides about one child, given its parent and its property name (e.g. {@code event[x]}). */
    @FunctionalInterface
    public interface Rule {
        Action visit(Base parent, String name, Base child);
    }

    private ElementWalker() {
    }

    /** Applies the rule to every descendant of {@code root}. */
    public static void walk(Base root, Rule rule) {
        for (Property property : root.children()) {
            if (!property.hasValues()) {
                continue;
            }
            String name = property.getName();
            for (Base child : property.getValues()) {
                if (child == null) {
                    continue;
                }
                Action action = rule.visit(root, name, child);
                if (action == Action.DESCEND) {
                    walk(child, rule);
                }
                if (action == Action.REMOVE || (action == Action.DESCEND && child.isEmpty())) {
                    root.removeChild(name, child);
                }
            }
        }
    }
}
