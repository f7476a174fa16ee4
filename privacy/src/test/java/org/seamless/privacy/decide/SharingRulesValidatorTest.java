package org.seamless.privacy.decide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.seamless.mappings.canonical.AgencyKind.LOCAL_AUTHORITY;
import static org.seamless.mappings.canonical.AgencyKind.NHS_TRUST;
import static org.seamless.mappings.canonical.AgencyKind.VOLUNTARY_ORG;
import static org.seamless.mappings.canonical.SeamlessEvent.ADMISSION_NOTICE;
import static org.seamless.mappings.canonical.SeamlessEvent.REFERRAL;
import static org.seamless.privacy.decide.TestRules.rule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.seamless.mappings.canonical.AgencyKind;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.privacy.AgencyRef;
import org.seamless.privacy.decide.SharingRule.Release;

/** One test per startup rejection, plus the set that passes. */
class SharingRulesValidatorTest {
    static final List<AgencyRef> AGENCIES = List.of(
            new AgencyRef("demo-trust", NHS_TRUST),
            new AgencyRef("demo-la-csv", LOCAL_AUTHORITY),
            new AgencyRef("demo-charity", VOLUNTARY_ORG),
            new AgencyRef("other-charity", VOLUNTARY_ORG));
    static final RoutingTable ROUTING = new RoutingTable("1", Map.of(
            ADMISSION_NOTICE, Map.of(NHS_TRUST, Set.of(LOCAL_AUTHORITY)),
            REFERRAL, Map.of(NHS_TRUST, Set.of(VOLUNTARY_ORG)),
            SeamlessEvent.CONSENT_UPDATE, Map.of()));
    static final SharingRulesValidator VALIDATOR = new SharingRulesValidator(
            Set.of("hospital-notice", "referral", "referral-pseudonymised"), Set.of("hiv", "restricted"));

    static TestRules notice() {
        return rule("adw-admission", ADMISSION_NOTICE, NHS_TRUST, LOCAL_AUTHORITY);
    }

    static TestRules referral() {
        return rule("referral", REFERRAL, NHS_TRUST, VOLUNTARY_ORG).purpose("referral").consentRequired()
                .legalBasis("UK GDPR Art. 6(1)(a) and 9(2)(a) explicit consent").profile("referral");
    }

    static List<String> problems(TestRules... rules) {
        return VALIDATOR.problems(new SharingRuleSet("t", Arrays.stream(rules).map(TestRules::build).toList()),
                ROUTING, AGENCIES);
    }

    /** Adds the rules that make the base set valid, so each test isolates one problem. */
    static List<String> problemsWithBase(TestRules... extra) {
        List<TestRules> all = new ArrayList<>(List.of(notice(), referral()));
        all.addAll(List.of(extra));
        return problems(all.toArray(TestRules[]::new));
    }

    @Test
    void theBaseSetPasses() {
        assertThat(problems(notice(), referral())).isEmpty();
        VALIDATOR.validate(new SharingRuleSet("t", List.of(notice().build(), referral().build())), ROUTING, AGENCIES);
    }

    @Test
    void rejectsAnEventRoutedToARecipientNoRuleCovers() {
        assertThat(problems(notice())).hasSize(2)
                .allSatisfy(p -> assertThat(p).contains("[uncovered]", "event referral", "from nhs-trust"))
                .anySatisfy(p -> assertThat(p).contains("demo-charity"))
                .noneSatisfy(p -> assertThat(p).contains("demo-la-csv"));
        assertThatThrownBy(() -> VALIDATOR.validate(new SharingRuleSet("t", List.of(notice().build())), ROUTING, AGENCIES))
                .isInstanceOf(SharingRulesException.class).hasMessageContaining("other-charity");
    }

    @Test
    void rejectsARecipientLeftOutByANarrowedRule() {
        assertThat(problems(notice(), referral().agencies("demo-charity"))).singleElement().asString()
                .contains("[uncovered]", "event referral", "other-charity");
    }

    @Test
    void aWithholdRuleCountsAsCoverage() {
        assertThat(problems(notice(), referral().agencies("demo-charity"),
                rule("referral-other", REFERRAL, NHS_TRUST, VOLUNTARY_ORG).agencies("other-charity")
                        .release(Release.WITHHOLD).legalBasis("").profile("referral"))).isEmpty();
    }

    @Test
    void rejectsIdentifiableReleaseToAVoluntaryOrgWithoutConsent() {
        List<String> p = problems(notice(), rule("referral", REFERRAL, NHS_TRUST, VOLUNTARY_ORG).purpose("referral")
                .profile("referral"));
        assertThat(p).singleElement().asString()
                .contains("[vcs-identifiable-without-consent]", "rule referral", "voluntary-org");
    }

    @Test
    void homeCareSuspendAndResumeGoToTheProviderIdentifiableForDirectCareWithoutConsentAndNothingElseDoes() {
        // the provider of a package the council commissioned, told for that care (ADR 0063, 0064)
        for (SeamlessEvent event : List.of(SeamlessEvent.HOME_CARE_SUSPEND, SeamlessEvent.HOME_CARE_RESUME)) {
            assertThat(problems(notice(), referral(), rule(event.code(), event, NHS_TRUST, VOLUNTARY_ORG)
                    .profile("referral"))).as(event.code()).isEmpty();
            assertThat(problems(notice(), referral(), rule(event.code(), event, NHS_TRUST, VOLUNTARY_ORG)
                    .purpose("referral").profile("referral"))).as(event.code() + " for another purpose")
                    .singleElement().asString().contains("[vcs-identifiable-without-consent]");
        }
        // any other event to a voluntary organisation still needs consent, whatever its purpose
        assertThat(problems(notice(), rule("referral", REFERRAL, NHS_TRUST, VOLUNTARY_ORG).profile("referral")))
                .singleElement().asString().contains("[vcs-identifiable-without-consent]");
    }

    @Test
    void rejectsDuplicateIds() {
        assertThat(problemsWithBase(rule("referral", ADMISSION_NOTICE, NHS_TRUST, NHS_TRUST)))
                .anySatisfy(p -> assertThat(p).contains("[duplicate-id]", "referral"));
    }

    @Test
    void rejectsTwoRulesWithTheSameKey() {
        assertThat(problemsWithBase(rule("adw-admission-2", ADMISSION_NOTICE, NHS_TRUST, LOCAL_AUTHORITY)))
                .singleElement().asString()
                .contains("[duplicate-key]", "adw-admission", "adw-admission-2", "admission-notice nhs-trust -> local-authority");
    }

    @Test
    void rejectsNarrowedRulesThatNameTheSameAgency() {
        assertThat(problemsWithBase(
                rule("r1", REFERRAL, NHS_TRUST, VOLUNTARY_ORG).consentRequired().profile("referral").agencies("demo-charity"),
                rule("r2", REFERRAL, NHS_TRUST, VOLUNTARY_ORG).consentRequired().profile("referral")
                        .agencies("demo-charity", "other-charity")))
                .singleElement().asString().contains("[ambiguous]", "r1", "r2", "demo-charity");
    }

    @Test
    void rejectsUnknownProfiles() {
        assertThat(problemsWithBase(rule("x", ADMISSION_NOTICE, NHS_TRUST, NHS_TRUST).profile("everything")))
                .singleElement().asString().contains("[unknown-profile]", "rule x", "'everything'");
        assertThat(problemsWithBase(rule("y", REFERRAL, LOCAL_AUTHORITY, VOLUNTARY_ORG).consentRequired()
                .profile("referral").withoutConsent("some basis", "nope")))
                .singleElement().asString().contains("[unknown-profile]", "rule y", "without-consent", "'nope'");
    }

    @Test
    void rejectsUnknownSensitivityCategories() {
        assertThat(problemsWithBase(rule("x", ADMISSION_NOTICE, NHS_TRUST, NHS_TRUST).allowSensitive("hiv", "gossip")))
                .singleElement().asString().contains("[unknown-sensitivity-category]", "rule x", "'gossip'");
    }

    @Test
    void rejectsNarrowingToUnknownOrWrongKindAgencies() {
        assertThat(problemsWithBase(rule("x", ADMISSION_NOTICE, NHS_TRUST, LOCAL_AUTHORITY).agencies("nowhere-council")))
                .singleElement().asString().contains("[unknown-agency]", "rule x", "nowhere-council");
        assertThat(problemsWithBase(rule("y", ADMISSION_NOTICE, NHS_TRUST, LOCAL_AUTHORITY).agencies("demo-charity")))
                .singleElement().asString().contains("[agency-kind-mismatch]", "rule y", "demo-charity");
    }

    @Test
    void rejectsAReleasingRuleWithoutLegalBasis() {
        assertThat(problemsWithBase(rule("x", ADMISSION_NOTICE, NHS_TRUST, NHS_TRUST).legalBasis("  ")))
                .singleElement().asString().contains("[no-legal-basis]", "rule x", "admission-notice nhs-trust -> nhs-trust");
        assertThat(problemsWithBase(rule("y", ADMISSION_NOTICE, NHS_TRUST, NHS_TRUST).legalBasis("")
                .release(Release.WITHHOLD))).isEmpty();
    }

    @Test
    void rejectsIdsAndLegalBasesTooLongForTheLedger() {
        assertThat(problemsWithBase(rule("x", ADMISSION_NOTICE, NHS_TRUST, NHS_TRUST).legalBasis("b".repeat(201))))
                .singleElement().asString().contains("[too-long]", "rule x");
    }

    @Test
    void rejectsAFallbackWithoutALegalBasisOfItsOwn() {
        assertThat(problemsWithBase(rule("y", REFERRAL, LOCAL_AUTHORITY, VOLUNTARY_ORG).consentRequired()
                .profile("referral").withoutConsent("", "referral-pseudonymised")))
                .singleElement().asString().contains("[no-legal-basis]", "rule y", "without-consent");
    }

    @Test
    void rejectsContradictoryRules() {
        assertThat(problemsWithBase(rule("x", REFERRAL, LOCAL_AUTHORITY, VOLUNTARY_ORG).consentRequired()
                .profile("referral").overridesObjection()))
                .singleElement().asString().contains("[contradiction]", "rule x", "override");
        assertThat(problemsWithBase(rule("y", ADMISSION_NOTICE, NHS_TRUST, NHS_TRUST)
                .withoutConsent("basis", "referral-pseudonymised")))
                .singleElement().asString().contains("[contradiction]", "rule y", "without-consent");
    }

    @Test
    void aSourceKindWithNoRegisteredAgencyNeedsNoCoverage() {
        RoutingTable routing = new RoutingTable("1", Map.of(REFERRAL, Map.of(NHS_TRUST, Set.of(VOLUNTARY_ORG))));
        List<AgencyRef> noTrust = List.of(new AgencyRef("demo-charity", AgencyKind.VOLUNTARY_ORG));
        assertThat(VALIDATOR.problems(new SharingRuleSet("t", List.of()), routing, noTrust)).isEmpty();
    }
}
