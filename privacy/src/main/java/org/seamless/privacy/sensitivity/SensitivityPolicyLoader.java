package org.seamless.privacy.sensitivity;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a deployer's sensitivity policy from YAML, so the IG lead's code lists replace the
 * illustrative defaults without a code change. Lists are value-set-like: a system and the codes
 * included from it, matched exactly (expand hierarchies before listing them). Unknown keys are errors.
 *
 * <pre>
 * categories:
 *   - name: hiv
 *     note: IG lead's list v3, 2025-01
 *     codes:
 *       - system: http://snomed.info/sct
 *         include: ["86406008", "165816005"]
 *   - name: restricted
 *     security-labels:
 *       - system: http://terminology.hl7.org/CodeSystem/v3-Confidentiality
 *         include: [R]
 * </pre>
 */
public final class SensitivityPolicyLoader {
    private static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /** The file as written. */
    record PolicyFile(@JsonProperty("categories") List<CategoryEntry> categories) {
    }

    /** One category as written. */
    record CategoryEntry(@JsonProperty("name") String name, @JsonProperty("note") String note,
                         @JsonProperty("codes") List<Include> codes,
                         @JsonProperty("security-labels") List<Include> securityLabels) {
    }

    /** A system and the codes included from it. */
    record Include(@JsonProperty("system") String system, @JsonProperty("include") List<String> include) {
    }

    private SensitivityPolicyLoader() {
    }

    public static SensitivityPolicy load(InputStream yaml, String source) {
        PolicyFile file;
        try {
            file = MAPPER.readValue(yaml, PolicyFile.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": not a valid sensitivity policy: " + e.getMessage(), e);
        }
        if (file == null || file.categories() == null || file.categories().isEmpty()) {
            throw new IllegalArgumentException(source + ": no categories");
        }
        List<SensitivityCategory> categories = new ArrayList<>();
        for (CategoryEntry c : file.categories()) {
            if (c.name() == null || c.name().isBlank()) {
                throw new IllegalArgumentException(source + ": a category has no name");
            }
            try {
                categories.add(new SensitivityCategory(c.name(), refs(c.codes(), c.name(), source),
                        refs(c.securityLabels(), c.name(), source), c.note()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
            }
        }
        try {
            return new SensitivityPolicy(categories);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    private static Set<CodeRef> refs(List<Include> includes, String category, String source) {
        Set<CodeRef> out = new HashSet<>();
        for (Include inc : includes == null ? List.<Include>of() : includes) {
            if (inc.system() == null || inc.system().isBlank() || inc.include() == null || inc.include().isEmpty()) {
                throw new IllegalArgumentException(source + ": category " + category
                        + ": each list needs a system and at least one code under 'include'");
            }
            inc.include().forEach(code -> out.add(new CodeRef(inc.system(), code)));
        }
        return out;
    }
}
