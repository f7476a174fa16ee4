package org.seamless.privacy.transform.minimise;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads and checks the profiles YAML: every problem is an {@link InvalidProfileException} naming the profile. */
final class ProfilesYaml {
    private static final Set<String> TOP_KEYS = Set.of("profiles");
    private static final Set<String> PROFILE_KEYS = Set.of("description", "extends", "allow", "pseudonymised");
    private static final Set<String> PSEUDONYMISED_KEYS = Set.of("birthDate");

    private ProfilesYaml() {
    }

    /** The profiles in the YAML, by name, in file order. */
    static Map<String, MinimisationProfile> read(InputStream yaml, String source) {
        JsonNode root;
        try {
            ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
            mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            root = mapper.readTree(yaml);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidProfileException(source, null, "not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidProfileException(source, null, "cannot read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidProfileException(source, null, "expected a mapping with the key 'profiles'");
        }
        checkKeys(root, TOP_KEYS, source, null);
        JsonNode list = root.path("profiles");
        if (!list.isObject() || list.isEmpty()) {
            throw new InvalidProfileException(source, null, "'profiles' must map profile names to profiles");
        }
        Map<String, MinimisationProfile> profiles = new LinkedHashMap<>();
        list.fields().forEachRemaining(f -> profiles.put(f.getKey(), profile(source, f.getKey(), list)));
        return profiles;
    }

    private static MinimisationProfile profile(String source, String name, JsonNode all) {
        if (!name.matches("[a-z0-9][a-z0-9-]*")) {
            throw new InvalidProfileException(source, name, "profile names are lower-case words joined by '-'");
        }
        JsonNode node = all.path(name);
        if (!node.isObject()) {
            throw new InvalidProfileException(source, name, "expected a mapping");
        }
        checkKeys(node, PROFILE_KEYS, source, name);
        List<String> written = allowList(source, name, all, new LinkedHashSet<>());
        List<ProfilePath> parsed = new ArrayList<>();
        for (String text : concat(MinimisationProfiles.MESSAGE_HEADER_BASELINE, written)) {
            try {
                parsed.add(ProfilePaths.parse(text));
            } catch (IllegalArgumentException e) {
                throw new InvalidProfileException(source, name, "path '" + text + "': " + e.getMessage());
            }
        }
        Map<String, AllowNode> trees = new LinkedHashMap<>();
        Map<String, List<ProfilePath>> byType = parsed.stream()
                .collect(Collectors.groupingBy(ProfilePath::resourceType, LinkedHashMap::new, Collectors.toList()));
        byType.forEach((type, paths) -> {
            try {
                trees.put(type, AllowNode.of(type, paths));
            } catch (IllegalArgumentException e) {
                throw new InvalidProfileException(source, name, e.getMessage());
            }
        });
        String description = node.path("description").asText("");
        return new MinimisationProfile(name, description, written, trees, birthDateForm(source, name, node));
    }

    /** The profile's own paths after those of the profile it extends (if any), checked for cycles. */
    private static List<String> allowList(String source, String name, JsonNode all, Set<String> seen) {
        JsonNode node = all.path(name);
        if (!seen.add(name)) {
            throw new InvalidProfileException(source, name, "'extends' goes round in a circle: " + seen);
        }
        List<String> paths = new ArrayList<>();
        JsonNode base = node.path("extends");
        if (!base.isMissingNode()) {
            if (!base.isTextual() || !all.path(base.asText()).isObject()) {
                throw new InvalidProfileException(source, name, "extends '" + base.asText() + "', which is not a profile");
            }
            paths.addAll(allowList(source, base.asText(), all, seen));
        }
        JsonNode allow = node.path("allow");
        if (allow.isMissingNode() && !paths.isEmpty()) {
            return paths;
        }
        if (!allow.isArray() || allow.isEmpty()) {
            throw new InvalidProfileException(source, name, "'allow' must be a non-empty list of paths");
        }
        allow.forEach(p -> paths.add(p.isTextual() ? p.asText() : p.toString()));
        return paths;
    }

    private static BirthDateForm birthDateForm(String source, String name, JsonNode node) {
        JsonNode p = node.path("pseudonymised");
        if (p.isMissingNode()) {
            return BirthDateForm.YEAR;
        }
        if (!p.isObject()) {
            throw new InvalidProfileException(source, name, "'pseudonymised' must be a mapping");
        }
        checkKeys(p, PSEUDONYMISED_KEYS, source, name);
        String code = p.path("birthDate").asText("year");
        return BirthDateForm.fromCode(code).orElseThrow(() -> new InvalidProfileException(source, name,
                "pseudonymised.birthDate must be 'year' or 'age-band', not '" + code + "'"));
    }

    private static void checkKeys(JsonNode node, Set<String> allowed, String source, String profile) {
        node.fieldNames().forEachRemaining(k -> {
            if (!allowed.contains(k)) {
                throw new InvalidProfileException(source, profile, "unknown key '" + k + "' (expected one of "
                        + allowed.stream().sorted().collect(Collectors.joining(", ")) + ")");
            }
        });
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
