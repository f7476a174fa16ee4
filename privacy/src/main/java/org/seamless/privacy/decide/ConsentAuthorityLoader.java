package org.seamless.privacy.decide;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.seamless.mappings.canonical.AgencyKind;
import org.seamless.privacy.consent.ConsentRecord;
import org.seamless.privacy.consent.Purpose;

/**
 * Reads {@code consent-authority.yml} into a {@link ConsentAuthority}, refusing (with every problem
 * listed, as {@link SharingRulesLoader} does) unknown or duplicate keys, missing fields, unknown
 * kinds, decisions and purposes, duplicate grant ids, and IG override agencies the registry does not know.
 */
public final class ConsentAuthorityLoader {

    /** The file as written. */
    record AuthorityFile(@JsonProperty("version") String version,
                         @JsonProperty("ig-override") List<String> igOverride,
                         @JsonProperty("grants") List<GrantEntry> grants) {
    }

    /** One grant as written. */
    record GrantEntry(@JsonProperty("id") String id, @JsonProperty("recorder") String recorder,
                      @JsonProperty("decisions") List<String> decisions, @JsonProperty("purposes") List<String> purposes,
                      @JsonProperty("recipients") List<String> recipients) {
    }

    private ConsentAuthorityLoader() {
    }

    public static ConsentAuthority load(Path path, Function<String, Optional<AgencyKind>> agencies) {
        return convert(YamlConfig.read(path, AuthorityFile.class), path.toString(), agencies);
    }

    public static ConsentAuthority load(InputStream in, String sourceName, Function<String, Optional<AgencyKind>> agencies) {
        return convert(YamlConfig.read(in, sourceName, AuthorityFile.class), sourceName, agencies);
    }

    private static ConsentAuthority convert(AuthorityFile file, String source, Function<String, Optional<AgencyKind>> agencies) {
        List<String> problems = new ArrayList<>();
        if (file.version() == null || file.version().isBlank()) {
            problems.add("the consent authority policy has no version");
        }
        List<GrantEntry> entries = file.grants() == null ? List.of() : file.grants();
        if (entries.isEmpty()) {
            problems.add("the consent authority policy has no grants");
        }
        Set<String> ids = new HashSet<>();
        List<ConsentAuthority.Grant> grants = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            GrantEntry e = entries.get(i);
            String name = e.id() == null || e.id().isBlank() ? "grants[" + i + "]" : "grant " + e.id();
            int before = problems.size();
            if (e.id() == null || e.id().isBlank()) {
                problems.add(name + ": missing 'id'");
            } else if (!ids.add(e.id())) {
                problems.add(name + ": [duplicate-id] another grant has this id");
            }
            AgencyKind recorder = kind(e.recorder(), name, "recorder", problems);
            Set<ConsentRecord.Kind> decisions = list(e.decisions(), name, "decisions", problems,
                    ConsentAuthorityLoader::decision, "consent, objection");
            Set<Purpose> purposes = list(e.purposes(), name, "purposes", problems, c -> Purpose.fromCode(c).orElse(null),
                    "direct-care, safeguarding, referral, secondary-use");
            Set<AgencyKind> recipients = list(e.recipients(), name, "recipients", problems,
                    ConsentAuthorityLoader::kindOrNull, "nhs-trust, local-authority, voluntary-org");
            if (problems.size() == before) {
                grants.add(new ConsentAuthority.Grant(e.id(), recorder, decisions, purposes, recipients));
            }
        }
        List<String> override = file.igOverride() == null ? List.of() : file.igOverride();
        for (String id : override) {
            if (id == null || agencies.apply(id).isEmpty()) {
                problems.add("ig-override: [unknown-agency] '" + id + "' is not a registered agency");
            }
        }
        if (!problems.isEmpty()) {
            throw new SharingRulesException(source, problems);
        }
        return new ConsentAuthority(file.version(), grants, Set.copyOf(override), agencies);
    }

    private static AgencyKind kind(String code, String name, String field, List<String> problems) {
        AgencyKind k = code == null ? null : kindOrNull(code);
        if (k == null) {
            problems.add(name + ": '" + field + "' must be one of nhs-trust, local-authority, voluntary-org");
        }
        return k;
    }

    private static AgencyKind kindOrNull(String code) {
        try {
            return AgencyKind.fromCode(code);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static ConsentRecord.Kind decision(String code) {
        return switch (code.toLowerCase(Locale.ROOT)) {
            case "consent" -> ConsentRecord.Kind.CONSENT;
            case "objection" -> ConsentRecord.Kind.OBJECTION;
            default -> null;
        };
    }

    private static <T> Set<T> list(List<String> codes, String name, String field, List<String> problems,
                                   Function<String, T> parse, String expected) {
        if (codes == null || codes.isEmpty()) {
            problems.add(name + ": missing '" + field + "'");
            return Set.of();
        }
        Set<T> out = new HashSet<>();
        for (String c : codes) {
            T v = c == null ? null : parse.apply(c);
            if (v == null) {
                problems.add(name + ": unknown " + field + " value '" + c + "' (expected one of " + expected + ")");
            } else {
                out.add(v);
            }
        }
        return out;
    }
}
