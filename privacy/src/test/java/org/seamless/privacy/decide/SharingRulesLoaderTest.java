package org.seamless.privacy.decide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.seamless.mappings.canonical.AgencyKind;
import org.seamless.mappings.canonical.SeamlessEvent;

class SharingRulesLoaderTest {
    static final String RULE = """
              - id: referral-from-trust
                event: referral
                from: nhs-trust
                to: voluntary-org
                agencies: [demo-charity]
                purpose: referral
                legal-basis: "UK GDPR Art. 6(1)(a) and 9(2)(a) explicit consent"
                consent-required: true
                release: identifiable
                profile: referral
                allow-sensitive: [hiv]
                without-consent:
                  legal-basis: "a basis of its own"
                  profile: referral-pseudonymised
            """;

    static SharingRuleSet load(String yaml) {
        return SharingRulesLoader.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yml");
    }

    static void assertProblem(String yaml, String... fragments) {
        assertThatThrownBy(() -> load(yaml)).isInstanceOfSatisfying(SharingRulesException.class,
                e -> assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains(fragments)));
    }

    @Test
    void readsEveryField() {
        SharingRuleSet set = load("version: \"7\"\nrules:\n" + RULE);
        assertThat(set.version()).isEqualTo("7");
        assertThat(set.rules()).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo("referral-from-trust");
            assertThat(r.event()).isEqualTo(SeamlessEvent.REFERRAL);
            assertThat(r.sourceKind()).isEqualTo(AgencyKind.NHS_TRUST);
            assertThat(r.recipientKind()).isEqualTo(AgencyKind.VOLUNTARY_ORG);
            assertThat(r.recipientAgencies()).containsExactly("demo-charity");
            assertThat(r.consentRequired()).isTrue();
            assertThat(r.overridesObjection()).isFalse();
            assertThat(r.release()).isEqualTo(SharingRule.Release.IDENTIFIABLE);
            assertThat(r.allowSensitive()).containsExactly("hiv");
            assertThat(r.withoutConsent()).contains(
                    new SharingRule.WithoutConsent("a basis of its own", "referral-pseudonymised"));
        });
    }

    @Test
    void unknownKeysAreErrorsNamingKeyAndPlace() {
        assertProblem("version: \"1\"\nrules:\n" + RULE.replace("purpose: referral", "purpose: referral\n    colour: red"),
                "unknown key 'colour'", "rules[0]");
        assertProblem("version: \"1\"\nextra: 1\nrules:\n" + RULE, "unknown key 'extra'");
        assertProblem("version: \"1\"\nrules:\n" + RULE.replace("profile: referral-pseudonymised",
                "profile: referral-pseudonymised\n      release: identifiable"), "unknown key 'release'", "without-consent");
    }

    @Test
    void duplicateYamlKeysAreErrors() {
        assertProblem("version: \"1\"\nrules:\n" + RULE.replace("release: identifiable", "release: identifiable\n    release: withhold"),
                "release");
    }

    @Test
    void unknownEventKindPurposeAndReleaseAreNamedWithTheirRule() {
        assertProblem("version: \"1\"\nrules:\n" + RULE.replace("event: referral", "event: gossip"),
                "rule referral-from-trust", "unknown event 'gossip'");
        assertProblem("version: \"1\"\nrules:\n" + RULE.replace("to: voluntary-org", "to: police"),
                "rule referral-from-trust", "'to'", "police");
        assertProblem("version: \"1\"\nrules:\n" + RULE.replace("purpose: referral", "purpose: marketing"),
                "rule referral-from-trust", "unknown purpose 'marketing'");
        assertProblem("version: \"1\"\nrules:\n" + RULE.replace("release: identifiable", "release: everything"),
                "rule referral-from-trust", "unknown release 'everything'");
    }

    @Test
    void missingFieldsAndVersionAreErrors() {
        assertProblem("version: \"1\"\nrules:\n" + RULE.replace("    profile: referral\n", ""),
                "rule referral-from-trust", "missing 'profile'");
        assertProblem("version: \"1\"\nrules:\n" + RULE.replace("  - id: referral-from-trust\n    event", "  - event"),
                "rules[0]", "missing 'id'");
        assertProblem("rules:\n" + RULE, "no version");
    }

    @Test
    void yamlAliasesAreRefusedBecauseJacksonWouldReadThemAsTheirName() {
        String yaml = "version: \"1\"\nrules:\n" + RULE.replace("legal-basis: \"UK GDPR", "legal-basis: &basis \"UK GDPR")
                + RULE.replace("id: referral-from-trust", "id: two").replace("legal-basis: \"UK GDPR Art. 6(1)(a) and 9(2)(a) explicit consent\"",
                "legal-basis: *basis");
        assertProblem(yaml, "anchors and aliases");
    }

    @Test
    void aLaterRuleIsStillCheckedAfterAnEarlierOneFails() {
        String second = RULE.replace("id: referral-from-trust", "id: second").replace("event: referral", "event: nope");
        assertThatThrownBy(() -> load("version: \"1\"\nrules:\n" + RULE.replace("event: referral", "event: x") + second))
                .isInstanceOfSatisfying(SharingRulesException.class, e -> assertThat(e.problems()).hasSize(2));
    }
}
