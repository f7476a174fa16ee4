package org.seamless.privacy.transform.minimise;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One named allow-list: the element paths released per resource type (resources of other types
 * are not released), plus how a pseudonymised release of this profile states the birth date.
 */
public final class MinimisationProfile {
    private final String name;
    private final String description;
    private final List<String> paths;
    private final Map<String, AllowNode> trees;
    private final BirthDateForm birthDateForm;

    MinimisationProfile(String name, String description, List<String> paths, Map<String, AllowNode> trees,
                        BirthDateForm birthDateForm) {
        this.name = name;
        this.description = description;
        this.paths = List.copyOf(paths);
        this.trees = Map.copyOf(trees);
        this.birthDateForm = birthDateForm;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    /** The allow-list as written (without the MessageHeader baseline every profile gets). */
    public List<String> paths() {
        return paths;
    }

    /** The resource types this profile releases, MessageHeader always among them. */
    public Set<String> resourceTypes() {
        return trees.keySet();
    }

    public BirthDateForm birthDateForm() {
        return birthDateForm;
    }

    Optional<AllowNode> tree(String resourceType) {
        return Optional.ofNullable(trees.get(resourceType));
    }

    @Override
    public String toString() {
        return "MinimisationProfile[" + name + "]";
    }
}
