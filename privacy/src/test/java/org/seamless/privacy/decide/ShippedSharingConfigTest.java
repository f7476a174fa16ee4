package org.seamless.privacy.decide;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.seamless.mappings.canonical.AgencyKind;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.privacy.AgencyRef;
import org.seamless.privacy.consent.Purpose;
import org.seamless.privacy.sensitivity.SensitivityPolicy;
import org.seamless.privacy.transform.minimise.MinimisationProfiles;

/** Loads the shipped sharing-rules.yml and routing.yml and validates them as the hub does at startup. */
class ShippedSharingConfigTest {
    static final Path CONFIG = Path.of("../routes/src/main/resources/config");
    static final List<AgencyRef> DEMO_AGENCIES = List.of(
            new AgencyRef("demo-trust", AgencyKind.NHS_TRUST),
            new AgencyRef("demo-la-csv", AgencyKind.LOCAL_AUTHORITY),
            new AgencyRef("demo-la-soap", AgencyKind.LOCAL_AUTHORITY),
            new AgencyRef("demo-charity", AgencyKind.VOLUNTARY_ORG),
            new AgencyRef("demo-carers-centre", AgencyKind.VOLUNTARY_ORG),
            new AgencyRef("demo-homecare", AgencyKind.VOLUNTARY_ORG));

    final SharingRuleSet rules = SharingRulesLoader.load(CONFIG.resolve("sharing-rules.yml"));
    final RoutingTable routing = RoutingTableLoader.load(CONFIG.resolve("routing.yml"));

    @Test
    void theShippedRulesPassStartupValidationAgainstTheDemoRegistry() {
        Set<String> profiles = MinimisationProfiles.load(CONFIG.resolve("minimisation-profiles.yml")).names();
        new SharingRulesValidator(profiles, SensitivityPolicy.defaults().categoryNames())
                .validate(rules, routing, DEMO_AGENCIES);
    }

    @Test
    void everyEventIsRoutedAndEveryRoutedEventHasARule() {
        assertThat(routing.routes().keySet()).containsExactlyInAnyOrder(SeamlessEvent.values());
        assertThat(routing.endsAtHub(SeamlessEvent.CONSENT_UPDATE)).isTrue();
        // a recall is made by the hub and decided under Art. 19, not by a rule (ADR 0069): no agency routes one
        assertThat(routing.endsAtHub(SeamlessEvent.RECALL)).isTrue();
        assertThat(rules.rules()).noneMatch(r -> r.event() == SeamlessEvent.RECALL);
        Arrays.stream(SeamlessEvent.values()).filter(e -> e != SeamlessEvent.CONSENT_UPDATE
                && e != SeamlessEvent.RECALL).forEach(e ->
                assertThat(rules.rules()).as("rules for %s", e.code()).anyMatch(r -> r.event() == e));
        assertThat(rules.rules()).noneMatch(r -> r.event() == SeamlessEvent.CONSENT_UPDATE);
    }

    @Test
    void theDefaultsOfTheBriefHold() {
        for (SharingRule r : rules.rules()) {
            assertThat(Purpose.fromCode(r.purpose())).as(r.id()).isPresent();
            assertThat(r.legalBasis()).as(r.id()).isNotBlank();
            switch (r.event()) {
                case ALERT_START, ALERT_UPDATE, ALERT_END, ALERT_ACCESS -> {
                    if (r.id().startsWith("reasonable-adjustment-")) {
                        // ADR 0083: reasonable adjustment flags from trusts and charities are direct care under
                        // the Equality Act duty, and an objection is respected (the hub refuses other alert types
                        // from those kinds)
                        assertThat(r.purpose()).as(r.id()).isEqualTo("direct-care");
                        assertThat(r.overridesObjection()).as(r.id()).isFalse();
                        assertThat(r.legalBasis()).contains("Equality Act 2010 s20");
                        continue;
                    }
                    assertThat(r.purpose()).isEqualTo("safeguarding");
                    assertThat(r.overridesObjection()).as(r.id()).isTrue();
                    assertThat(r.legalBasis()).contains("Children Act 2004 s11", "Care Act 2014 s42");
                }
                case REFERRAL, REFERRAL_OUTCOME -> {
                    assertThat(r.consentRequired()).as(r.id()).isTrue();
                    assertThat(r.withoutConsent()).as(r.id() + ": no fallback basis identified, so withhold").isEmpty();
                    assertThat(r.legalBasis()).contains("explicit consent");
                }
                default -> {
                    assertThat(r.purpose()).isEqualTo("direct-care");
                    assertThat(r.consentRequired()).isFalse();
                    assertThat(r.release()).isEqualTo(SharingRule.Release.IDENTIFIABLE);
                    // Care Act 2014 Sch. 3 was omitted from 1 July 2022; s251B yields to an objection
                    assertThat(r.legalBasis()).contains("s251B").doesNotContain("Sch. 3");
                    assertThat(r.overridesObjection()).as(r.id()).isFalse();
                }
            }
        }
    }
}
