package org.seamless.privacy.transform.minimise;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.seamless.privacy.decide.Decision;
import org.seamless.privacy.decide.DecisionRequest;
import org.seamless.privacy.transform.ElementWalker;
import org.seamless.privacy.transform.ElementWalker.Action;
import org.seamless.privacy.transform.EntryIndex;
import org.seamless.privacy.transform.MessageTransform;

/**
 * Stage 3: minimises the message to the decision's profile. A new bundle is built from what
 * the allow-list names; everything else is absent (not blanked): resources of unlisted types and
 * their entries, narrative, unlisted extensions, meta (except confidentiality labels), element
 * ids, and references to resources that are not released. An unknown profile is an error, so
 * nothing is released under a misconfigured rule.
 */
public final class Minimiser implements MessageTransform {
    private final MinimisationProfiles profiles;

    public Minimiser(MinimisationProfiles profiles) {
        this.profiles = Objects.requireNonNull(profiles);
    }

    @Override
    public Bundle apply(Bundle message, DecisionRequest request, Decision decision) {
        MinimisationProfile profile = profiles.require(decision.minimisationProfile());
        Bundle out = new Bundle();
        if (message.hasIdElement() && message.getIdElement().hasIdPart()) {
            out.setId(message.getIdElement().getIdPart());
        }
        if (message.hasIdentifier()) {
            Identifier id = message.getIdentifier();
            out.setIdentifier(new Identifier().setSystem(id.getSystem()).setValue(id.getValue()));
        }
        out.setType(message.getType());
        if (message.hasTimestampElement()) {
            out.setTimestampElement(message.getTimestampElement().copy());
        }
        List<Bundle.BundleEntryComponent> entries = message.hasEntry() ? message.getEntry() : List.of();
        Resource[] kept = new Resource[entries.size()];
        for (int i = 0; i < kept.length; i++) {
            Resource r = entries.get(i).getResource();
            Optional<AllowNode> tree = r == null ? Optional.empty() : profile.tree(r.fhirType());
            kept[i] = tree.map(t -> ElementCopier.copyResource(r, t)).orElse(null);
        }
        EntryIndex index = new EntryIndex(message);
        for (int i = 0; i < kept.length; i++) {
            if (kept[i] != null) {
                dropDanglingReferences(kept[i], index, kept);
                Bundle.BundleEntryComponent entry = out.addEntry().setResource(kept[i]);
                if (entries.get(i).hasFullUrl()) {
                    entry.setFullUrl(entries.get(i).getFullUrl());
                }
            }
        }
        return out;
    }

    /** Removes references to contained resources and to entries that are not released. */
    private static void dropDanglingReferences(Resource resource, EntryIndex index, Resource[] kept) {
        ElementWalker.walk(resource, (parent, name, child) -> {
            if (child instanceof PrimitiveType<?>) {
                return Action.KEEP;
            }
            if (!(child instanceof Reference ref)) {
                return Action.DESCEND;
            }
            if (!ref.hasReference()) {
                return Action.DESCEND;
            }
            if (ref.getReference().startsWith("#")) {
                return Action.REMOVE;
            }
            return index.resolve(ref.getReference()).stream().anyMatch(j -> kept[j] == null)
                    ? Action.REMOVE : Action.DESCEND;
        });
    }

    @Override
    public String toString() {
        return "Minimiser" + profiles.names();
    }
}
