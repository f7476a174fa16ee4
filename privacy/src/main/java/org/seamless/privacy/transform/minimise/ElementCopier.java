package org.seamless.privacy.transform.minimise;

import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.BackboneElement;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Element;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Resource;
import org.seamless.privacy.identify.WithheldReason;
import org.seamless.privacy.transform.ElementWalker;
import org.seamless.privacy.transform.ElementWalker.Action;
import org.seamless.privacy.transform.SecurityLabels;

/**
 * Builds the minimised copy of a resource from its allow-list tree, reading the source only
 * through {@link Base#getNamedProperty} and writing with {@link Base#setProperty}: the source is
 * never changed. An element released whole is deep-copied ({@link Base#copy()}) and then loses
 * element ids and every extension not listed; an element carrying a modifier extension is not
 * released at all (its meaning depends on the modifier, which is not released).
 */
final class ElementCopier {
    /** Extensions kept wherever their parent is kept: the NHS-number-withheld marker. */
    static final Set<String> ALWAYS_KEPT = Set.of(WithheldReason.EXTENSION_URL);

    private ElementCopier() {
    }

    /** The minimised copy, or null when the resource cannot be released (a modifier extension). */
    static Resource copyResource(Resource source, AllowNode tree) {
        if (hasModifier(source)) {
            return null;
        }
        Resource copy = newInstance(source);
        if (source.hasIdElement() && source.getIdElement().hasIdPart()) {
            copy.setId(source.getIdElement().getIdPart());
        }
        SecurityLabels.copyConfidentiality(source, copy);
        copyInto(source, copy, tree);
        return copy;
    }

    private static void copyInto(Base source, Base target, AllowNode node) {
        copyExtensions(source, target, node.extensionUrls());
        for (AllowNode child : node.children()) {
            Property property = source.getNamedProperty(child.property());
            if (property == null || !property.hasValues()) {
                continue;
            }
            for (Base value : property.getValues()) {
                if (value == null || value.isEmpty() || !child.admits(value) || hasModifier(value)) {
                    continue;
                }
                Base copy;
                if (child.whole()) {
                    copy = value.copy();
                    scrub(copy, child.extensionUrls());
                } else {
                    copy = newInstance(value);
                    copyInto(value, copy, child);
                }
                if (!copy.isEmpty()) {
                    target.setProperty(child.property(), copy);
                }
            }
        }
    }

    private static void copyExtensions(Base source, Base target, Set<String> listed) {
        List<Extension> extensions = source instanceof Element e && e.hasExtension() ? e.getExtension()
                : source instanceof DomainResource r && r.hasExtension() ? r.getExtension() : List.of();
        for (Extension ext : extensions) {
            if (ext.hasUrl() && (listed.contains(ext.getUrl()) || ALWAYS_KEPT.contains(ext.getUrl()))) {
                Extension copy = ext.copy();
                scrub(copy, null);
                target.setProperty("extension", copy);
            }
        }
    }

    /**
     * Removes element ids, narrative, nested resources and unlisted extensions from a copy.
     * {@code listedHere} null means the copy is itself a released extension: its parts stay.
     */
    private static void scrub(Base copy, Set<String> listedHere) {
        ElementWalker.walk(copy, (parent, name, child) -> {
            if (child instanceof Narrative || child instanceof Resource || hasModifier(child)
                    || ("id".equals(name) && parent instanceof Element)) {
                return Action.REMOVE;
            }
            if (child instanceof Extension ext && listedHere != null) {
                if (parent instanceof Extension) {
                    // why: a part of a complex extension that is itself released (e.g. the UK Core AddressKey's
                    // type and value): the walk only reaches it through a kept extension, whose parts stay
                    return Action.DESCEND;
                }
                boolean listed = parent == copy && listedHere.contains(ext.getUrl());
                return listed || ALWAYS_KEPT.contains(ext.getUrl()) ? Action.DESCEND : Action.REMOVE;
            }
            return child instanceof PrimitiveType<?> && !((PrimitiveType<?>) child).hasExtension()
                    ? Action.KEEP : Action.DESCEND;
        });
    }

    private static boolean hasModifier(Base element) {
        return element instanceof BackboneElement b && b.hasModifierExtension()
                || element instanceof DomainResource r && r.hasModifierExtension();
    }

    @SuppressWarnings("unchecked")
    private static <T extends Base> T newInstance(T like) {
        try {
            return (T) like.getClass().getDeclaredConstructor().newInstance();
        } catch (InstantiationException | IllegalAccessException | NoSuchMethodException
                 | InvocationTargetException e) {
            throw new IllegalStateException("cannot instantiate " + like.fhirType(), e);
        }
    }
}
