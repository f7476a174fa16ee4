package org.seamless.privacy.decide;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.seamless.mappings.canonical.AgencyKind;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.privacy.consent.Purpose;

/**
 * Reads {@code sharing-rules.yml} into a {@link SharingRuleSet}. Rejects unknown or duplicate keys,
 * missing fields, and unknown events, kinds, purposes and release forms, naming the rule. Checks that
 * need the routing table and the agency registry are {@link SharingRulesValidator}'s.
 */
public final class SharingRulesLoader {

    /** The file as written. */
    record RulesFile(@JsonProperty("version") String version, @JsonProperty("rules") List<RuleEntry> rules) {
    }

    /** One rule as written. */
    record RuleEntry(
            @JsonProperty("id") String id,
            @JsonProperty("event") String event,
            @JsonProperty("from") String from,
            @JsonProperty("to") String to,
            @JsonProperty("agencies") List<String> agencies,
            @JsonProperty("purpose") String purpose,
            @JsonProperty("legal-basis") String legalBasis,
            @JsonProperty("consent-required") Boolean consentRequired,
            @JsonProperty("release") String release,
            @JsonProperty("profile") String profile,
            @JsonProperty("overrides-objection") Boolean overridesObjection,
            @JsonProperty("allow-sensitive") List<String> allowSensitive,
            @JsonProperty("without-consent") Fallback withoutConsent) {
    }

    /** A without-consent fallback as written. */
    record Fallback(@JsonProperty("legal-basis") String legalBasis, @JsonProperty("profile") String profile) {
    }

    private SharingRulesLoader() {
    }

    public static SharingRuleSet load(Path path) {
        return convert(YamlConfig.read(path, RulesFile.class), path.toString());
    }

    public static SharingRuleSet load(InputStream in, String sourceName) {
        return convert(YamlConfig.read(in, sourceName, RulesFile.class), sourceName);
    }

    private static SharingRuleSet convert(RulesFile file, String source) {
        List<String> problems = new ArrayList<>();
        if (blank(file.version())) {
            problems.add("the rule set has no version");
        }
        if (file.rules() == null || file.rules().isEmpty()) {
            problems.add("the rule set has no rules");
        }
        List<SharingRule> rules = new ArrayList<>();
        List<RuleEntry> entries = file.rules() == null ? List.of() : file.rules();
        for (int i = 0; i < entries.size(); i++) {
            RuleEntry e = entries.get(i);
            String name = blank(e.id()) ? "rules[" + i + "]" : "rule " + e.id();
            int before = problems.size();
            for (String[] required : new String[][] {{"id", e.id()}, {"event", e.event()}, {"from", e.from()},
                    {"to", e.to()}, {"purpose", e.purpose()}, {"release", e.release()}, {"profile", e.profile()}}) {
                if (blank(required[1])) {
                    problems.add(name + ": missing '" + required[0] + "'");
                }
            }
            if (problems.size() > before) {
                continue;
            }
            Optional<SeamlessEvent> event = SeamlessEvent.fromCode(e.event());
            if (event.isEmpty()) {
                problems.add(name + ": unknown event '" + e.event() + "'");
            }
            Optional<AgencyKind> from = kind(e.from(), name, "from", problems);
            Optional<AgencyKind> to = kind(e.to(), name, "to", problems);
            if (Purpose.fromCode(e.purpose()).isEmpty()) {
                problems.add(name + ": unknown purpose '" + e.purpose() + "' (expected one of direct-care, "
                        + "safeguarding, referral, secondary-use)");
            }
            Optional<SharingRule.Release> release = release(e.release(), name, problems);
            if (e.withoutConsent() != null && (blank(e.withoutConsent().profile()))) {
                problems.add(name + ": 'without-consent' needs a 'profile'");
            }
            if (problems.size() == before) {
                rules.add(new SharingRule(e.id(), event.get(), from.get(), to.get(),
                        e.agencies() == null ? Set.of() : Set.copyOf(e.agencies()), e.purpose(),
                        e.legalBasis() == null ? "" : e.legalBasis().strip(), Boolean.TRUE.equals(e.consentRequired()),
                        release.get(), e.profile(), Boolean.TRUE.equals(e.overridesObjection()),
                        e.allowSensitive() == null ? Set.of() : Set.copyOf(e.allowSensitive()),
                        Optional.ofNullable(e.withoutConsent()).map(f -> new SharingRule.WithoutConsent(
                                f.legalBasis() == null ? "" : f.legalBasis().strip(), f.profile()))));
            }
        }
        if (!problems.isEmpty()) {
            throw new SharingRulesException(source, problems);
        }
        return new SharingRuleSet(file.version(), rules);
    }

    private static Optional<AgencyKind> kind(String code, String name, String field, List<String> problems) {
        try {
            return Optional.of(AgencyKind.fromCode(code));
        } catch (IllegalArgumentException ex) {
            problems.add(name + ": '" + field + "': " + ex.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<SharingRule.Release> release(String code, String name, List<String> problems) {
        try {
            return Optional.of(SharingRule.Release.valueOf(code.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException ex) {
            problems.add(name + ": unknown release '" + code + "' (expected identifiable, pseudonymised or withhold)");
            return Optional.empty();
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
