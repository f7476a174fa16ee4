package org.seamless.privacy.decide;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.seamless.mappings.canonical.AgencyKind;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.privacy.AgencyRef;

/**
 * Startup check of a rule set against the routing table and the registered agencies. Every problem
 * is reported, each tagged and naming its rule id, event and recipient; the hub must not start with any.
 */
public final class SharingRulesValidator {
    /** Rule ids and legal bases are stored with every disclosure: keep them within the ledger's columns. */
    static final int MAX_ID = 80;
    static final int MAX_LEGAL_BASIS = 200;

    private final Set<String> knownProfiles;
    private final Set<String> sensitivityCategories;

    /**
     * @param knownProfiles         the minimisation profile names the transform stage defines
     * @param sensitivityCategories the category names of the {@link org.seamless.privacy.sensitivity.SensitivityPolicy}
     */
    public SharingRulesValidator(Set<String> knownProfiles, Set<String> sensitivityCategories) {
        this.knownProfiles = Set.copyOf(knownProfiles);
        this.sensitivityCategories = Set.copyOf(sensitivityCategories);
    }

    /** Throws {@link SharingRulesException} listing every problem, or returns quietly. */
    public void validate(SharingRuleSet rules, RoutingTable routing, Collection<AgencyRef> agencies) {
        List<String> problems = problems(rules, routing, agencies);
        if (!problems.isEmpty()) {
            throw new SharingRulesException("sharing rules " + rules.version(), problems);
        }
    }

    /**
     * Events the hub sends a voluntary or private organisation only as the provider of care a council
     * commissioned for the person (home care suspend/resume, ADR 0063, 0064): shared for that care under the
     * duty to share (HSCA 2012 s251B), so a direct-care rule may release them identifiable without consent.
     * Every other event to a voluntary organisation still needs consent to go identifiable.
     */
    static final Set<SeamlessEvent> DIRECT_CARE_TO_PROVIDERS = java.util.EnumSet.of(SeamlessEvent.HOME_CARE_SUSPEND,
            SeamlessEvent.HOME_CARE_RESUME);

    private static boolean directCareToProvider(SharingRule r) {
        return DIRECT_CARE_TO_PROVIDERS.contains(r.event()) && "direct-care".equals(r.purpose());
    }

    public List<String> problems(SharingRuleSet rules, RoutingTable routing, Collection<AgencyRef> agencies) {
        List<String> problems = new ArrayList<>();
        Map<String, AgencyRef> byId = new HashMap<>();
        agencies.forEach(a -> byId.put(a.id(), a));
        duplicates(rules.rules(), problems);
        for (SharingRule r : rules.rules()) {
            ruleProblems(r, byId, problems);
        }
        coverage(rules, routing, agencies, problems);
        return problems;
    }

    private static void duplicates(List<SharingRule> rules, List<String> problems) {
        Set<String> ids = new HashSet<>();
        for (SharingRule r : rules) {
            if (!ids.add(r.id())) {
                problems.add("[duplicate-id] rule id " + r.id() + " is used more than once");
            }
        }
        for (int i = 0; i < rules.size(); i++) {
            for (int j = i + 1; j < rules.size(); j++) {
                SharingRule a = rules.get(i);
                SharingRule b = rules.get(j);
                if (a.key().equals(b.key())) {
                    problems.add("[duplicate-key] rules " + a.id() + " and " + b.id() + " both cover " + a.describe());
                } else if (sameLeg(a, b) && !a.recipientAgencies().isEmpty() && !b.recipientAgencies().isEmpty()) {
                    Set<String> both = new TreeSet<>(a.recipientAgencies());
                    both.retainAll(b.recipientAgencies());
                    if (!both.isEmpty()) {
                        problems.add("[ambiguous] rules " + a.id() + " and " + b.id() + " both name " + both
                                + " for " + a.event().code() + " " + a.sourceKind().code() + " -> " + a.recipientKind().code());
                    }
                }
            }
        }
    }

    private void ruleProblems(SharingRule r, Map<String, AgencyRef> agencies, List<String> problems) {
        String name = "rule " + r.id() + " (" + r.describe() + ")";
        if (!knownProfiles.contains(r.profile())) {
            problems.add("[unknown-profile] " + name + ": profile '" + r.profile() + "' is not a known minimisation profile");
        }
        for (String c : new TreeSet<>(r.allowSensitive())) {
            if (!sensitivityCategories.contains(c)) {
                problems.add("[unknown-sensitivity-category] " + name + ": allow-sensitive names unknown category '" + c + "'");
            }
        }
        for (String id : new TreeSet<>(r.recipientAgencies())) {
            AgencyRef a = agencies.get(id);
            if (a == null) {
                problems.add("[unknown-agency] " + name + ": agencies names '" + id + "', which is not registered");
            } else if (a.kind() != r.recipientKind()) {
                problems.add("[agency-kind-mismatch] " + name + ": agency " + id + " is a " + a.kind().code()
                        + ", not a " + r.recipientKind().code());
            }
        }
        if (r.id().length() > MAX_ID || r.legalBasis().length() > MAX_LEGAL_BASIS
                || r.withoutConsent().filter(f -> f.legalBasis().length() > MAX_LEGAL_BASIS).isPresent()) {
            problems.add("[too-long] " + name + ": ids are at most " + MAX_ID + " characters and legal bases at most "
                    + MAX_LEGAL_BASIS + " (the disclosure ledger stores them)");
        }
        if (r.release() != SharingRule.Release.WITHHOLD && blank(r.legalBasis())) {
            problems.add("[no-legal-basis] " + name + ": releases data but cites no legal basis");
        }
        if (r.recipientKind() == AgencyKind.VOLUNTARY_ORG && r.release() == SharingRule.Release.IDENTIFIABLE
                && !r.consentRequired() && !directCareToProvider(r)) {
            problems.add("[vcs-identifiable-without-consent] " + name
                    + ": releases identifiable data to a voluntary-org without requiring consent");
        }
        if (r.consentRequired() && r.overridesObjection()) {
            problems.add("[contradiction] " + name + ": a rule that requires consent cannot override an objection");
        }
        r.withoutConsent().ifPresent(f -> {
            if (!r.consentRequired()) {
                problems.add("[contradiction] " + name + ": 'without-consent' only makes sense on a rule that requires consent");
            }
            if (blank(f.legalBasis())) {
                problems.add("[no-legal-basis] " + name + ": the without-consent fallback releases pseudonymised data "
                        + "but names no legal basis of its own (remove it to withhold instead)");
            }
            if (!knownProfiles.contains(f.profile())) {
                problems.add("[unknown-profile] " + name + ": without-consent profile '" + f.profile()
                        + "' is not a known minimisation profile");
            }
        });
    }

    /** (a): every (event, source kind, recipient agency) the hub can route must have a rule. */
    private static void coverage(SharingRuleSet rules, RoutingTable routing, Collection<AgencyRef> agencies,
                                 List<String> problems) {
        Set<AgencyKind> sourceKinds = new HashSet<>();
        agencies.forEach(a -> sourceKinds.add(a.kind()));
        for (SeamlessEvent event : SeamlessEvent.values()) {
            for (AgencyKind source : AgencyKind.values()) {
                Set<AgencyKind> to = routing.recipientKinds(event, source);
                if (to.isEmpty() || !sourceKinds.contains(source)) {
                    continue; // nothing routed, or no registered agency could send it
                }
                agencies.stream().filter(a -> to.contains(a.kind()))
                        .filter(a -> rules.ruleFor(event, source, a.kind(), a.id()).isEmpty())
                        .forEach(a -> problems.add("[uncovered] event " + event.code() + " from " + source.code()
                                + " to agency " + a.id() + " (" + a.kind().code()
                                + ") is routed but no sharing rule covers it"));
            }
        }
    }

    private static boolean sameLeg(SharingRule a, SharingRule b) {
        return a.event() == b.event() && a.sourceKind() == b.sourceKind() && a.recipientKind() == b.recipientKind();
    }

    private static boolean blank(String s) {
        return Objects.requireNonNullElse(s, "").isBlank();
    }
}
