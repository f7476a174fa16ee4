package org.seamless.privacy.decide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.seamless.mappings.canonical.AgencyKind.LOCAL_AUTHORITY;
import static org.seamless.mappings.canonical.AgencyKind.NHS_TRUST;
import static org.seamless.mappings.canonical.AgencyKind.VOLUNTARY_ORG;
import static org.seamless.privacy.decide.TestRules.rule;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.privacy.AgencyRef;
import org.seamless.privacy.consent.ConsentRecord;
import org.seamless.privacy.consent.InMemoryConsentRegistry;
import org.seamless.privacy.consent.Purpose;
import org.seamless.privacy.consent.RecipientScope;
import org.seamless.privacy.consent.TestNhsNumbers;
import org.seamless.privacy.decide.SharingRule.Release;
import org.seamless.privacy.identify.Subject;
import org.seamless.privacy.identify.WithheldReason;
import org.seamless.privacy.sensitivity.SensitivityPolicy;
import org.seamless.privacy.sensitivity.TestMessages;

class ConsentAwareDecisionEngineTest {
    static final Instant T0 = Instant.parse("2025-03-01T09:00:00Z");
    static final AgencyRef TRUST = new AgencyRef("demo-trust", NHS_TRUST);
    static final AgencyRef LA = new AgencyRef("demo-la-csv", LOCAL_AUTHORITY);
    static final AgencyRef CHARITY = new AgencyRef("demo-charity", VOLUNTARY_ORG);

    static final SharingRuleSet RULES = new SharingRuleSet("test", List.of(
            rule("referral-from-trust", SeamlessEvent.REFERRAL, NHS_TRUST, VOLUNTARY_ORG).purpose("referral")
                    .legalBasis("UK GDPR Art. 6(1)(a) and 9(2)(a) explicit consent").consentRequired().profile("referral").build(),
            rule("referral-from-la", SeamlessEvent.REFERRAL, LOCAL_AUTHORITY, VOLUNTARY_ORG).purpose("referral")
                    .legalBasis("explicit consent").consentRequired().profile("referral")
                    .withoutConsent("a named basis of its own", "referral-pseudonymised").build(),
            rule("alert-start", SeamlessEvent.ALERT_START, LOCAL_AUTHORITY, NHS_TRUST).purpose("safeguarding")
                    .legalBasis("Children Act 2004 s11").overridesObjection().profile("social-care-alert")
                    .allowSensitive("restricted").build(),
            rule("adw-admission", SeamlessEvent.ADMISSION_NOTICE, NHS_TRUST, LOCAL_AUTHORITY).build(),
            rule("withdrawal-withheld", SeamlessEvent.WITHDRAWAL_NOTICE, NHS_TRUST, LOCAL_AUTHORITY)
                    .release(Release.WITHHOLD).legalBasis("").build()));

    InMemoryConsentRegistry registry;
    ConsentAwareDecisionEngine engine;
    NhsNumber nhs;

    @BeforeEach
    void setUp() {
        registry = new InMemoryConsentRegistry();
        engine = new ConsentAwareDecisionEngine(RULES, registry, SensitivityPolicy.defaults(),
                TestAuthorities.permissive());
        nhs = TestNhsNumbers.nth(5);
    }

    static Instant t(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    DecisionRequest request(SeamlessEvent event, AgencyRef from, AgencyRef to, Subject subject, Instant at) {
        return new DecisionRequest("msg-1", event, from, to, subject, at);
    }

    Decision decide(SeamlessEvent event, AgencyRef from, AgencyRef to, Instant at) {
        return engine.decide(request(event, from, to, Subject.identified(nhs), at), message(event).bundle());
    }

    TestMessages message(SeamlessEvent event) {
        TestMessages m = TestMessages.message(event, nhs);
        m.focus(new ServiceRequest().setSubject(m.patientRef()));
        return m;
    }

    void record(ConsentRecord.Kind kind, Purpose purpose, RecipientScope scope, String ref, Instant at) {
        registry.record(new ConsentRecord(nhs, kind, purpose, scope, T0, Optional.empty(), ConsentRecord.Status.ACTIVE,
                "demo-trust", ref, at));
    }

    @Test
    void aLegNoRuleCoversIsWithheld() {
        Decision d = decide(SeamlessEvent.ALERT_ACCESS, TRUST, LA, t(1));
        assertThat(d.outcome()).isEqualTo(Outcome.WITHHOLD);
        assertThat(d.ruleId()).isEqualTo("no-rule");
        assertThat(d.reasons()).singleElement().asString().contains("no sharing rule", "alert-access");
    }

    @Test
    void aRuleThatSaysWithholdWithholds() {
        Decision d = decide(SeamlessEvent.WITHDRAWAL_NOTICE, TRUST, LA, t(1));
        assertThat(d.outcome()).isEqualTo(Outcome.WITHHOLD);
        assertThat(d.ruleId()).isEqualTo("withdrawal-withheld");
    }

    @Test
    void aConsentRuleWithholdsWithoutConsentAndReleasesWithIt() {
        assertThat(decide(SeamlessEvent.REFERRAL, TRUST, CHARITY, t(1)).outcome()).isEqualTo(Outcome.WITHHOLD);
        record(ConsentRecord.Kind.CONSENT, Purpose.REFERRAL, RecipientScope.agency("demo-charity"), "consent-7", t(2));
        Decision d = decide(SeamlessEvent.REFERRAL, TRUST, CHARITY, t(3));
        assertThat(d.outcome()).isEqualTo(Outcome.RELEASE_IDENTIFIABLE);
        assertThat(d.consentReference()).contains("consent-7");
        assertThat(d.legalBasis()).contains("explicit consent");
        assertThat(d.minimisationProfile()).isEqualTo("referral");
    }

    @Test
    void consentForAnotherPurposeOrRecipientDoesNotCount() {
        record(ConsentRecord.Kind.CONSENT, Purpose.DIRECT_CARE, RecipientScope.agency("demo-charity"), "c1", t(1));
        record(ConsentRecord.Kind.CONSENT, Purpose.REFERRAL, RecipientScope.agency("other-charity"), "c2", t(1));
        assertThat(decide(SeamlessEvent.REFERRAL, TRUST, CHARITY, t(2)).outcome()).isEqualTo(Outcome.WITHHOLD);
    }

    @Test
    void aMessageInFlightWhenConsentIsWithdrawnIsWithheldAtItsNextDecision() {
        record(ConsentRecord.Kind.CONSENT, Purpose.REFERRAL, RecipientScope.agency("demo-charity"), "consent-7", t(0));
        Bundle inFlight = message(SeamlessEvent.REFERRAL).bundle();
        Subject subject = Subject.identified(nhs);

        Decision first = engine.decide(request(SeamlessEvent.REFERRAL, TRUST, CHARITY, subject, t(1)), inFlight);
        registry.withdraw("consent-7", t(2), "demo-charity");
        Decision redelivery = engine.decide(request(SeamlessEvent.REFERRAL, TRUST, CHARITY, subject, t(3)), inFlight);

        assertThat(first.outcome()).isEqualTo(Outcome.RELEASE_IDENTIFIABLE);
        assertThat(redelivery.outcome()).isEqualTo(Outcome.WITHHOLD);
        assertThat(redelivery.consentReference()).isEmpty();
    }

    @Test
    void aWithheldNhsNumberNeverSatisfiesAConsentRequirement() {
        record(ConsentRecord.Kind.CONSENT, Purpose.REFERRAL, RecipientScope.kind(VOLUNTARY_ORG), "c1", t(0));
        for (WithheldReason reason : WithheldReason.values()) {
            Decision d = engine.decide(request(SeamlessEvent.REFERRAL, TRUST, CHARITY, Subject.withheld(reason), t(1)),
                    message(SeamlessEvent.REFERRAL).bundle());
            assertThat(d.outcome()).isEqualTo(Outcome.WITHHOLD);
            assertThat(d.reasons()).singleElement().asString().contains("withheld");
        }
        Decision fallback = engine.decide(request(SeamlessEvent.REFERRAL, LA, CHARITY,
                Subject.withheld(WithheldReason.ANONYMOUS_ACCESS), t(1)), message(SeamlessEvent.REFERRAL).bundle());
        assertThat(fallback.outcome()).isEqualTo(Outcome.RELEASE_PSEUDONYMISED);
    }

    @Test
    void withoutConsentTheFallbackReleasesPseudonymisedUnderItsOwnBasis() {
        Decision d = decide(SeamlessEvent.REFERRAL, LA, CHARITY, t(1));
        assertThat(d.outcome()).isEqualTo(Outcome.RELEASE_PSEUDONYMISED);
        assertThat(d.ruleId()).isEqualTo("referral-from-la/without-consent");
        assertThat(d.legalBasis()).isEqualTo("a named basis of its own");
        assertThat(d.minimisationProfile()).isEqualTo("referral-pseudonymised");
        assertThat(d.consentReference()).isEmpty();
    }

    @Test
    void anObjectionIsHonouredOnAConsentRouteEvenWhereAFallbackExists() {
        record(ConsentRecord.Kind.OBJECTION, Purpose.REFERRAL, RecipientScope.kind(VOLUNTARY_ORG), "obj-1", t(0));
        Decision d = decide(SeamlessEvent.REFERRAL, LA, CHARITY, t(1));
        assertThat(d.outcome()).isEqualTo(Outcome.WITHHOLD);
        assertThat(d.flagged()).isFalse();
        assertThat(d.reasons()).singleElement().asString().contains("objection obj-1");
    }

    @Test
    void anObjectionIsOverriddenAndFlaggedOnASafeguardingRoute() {
        record(ConsentRecord.Kind.OBJECTION, Purpose.SAFEGUARDING, RecipientScope.kind(NHS_TRUST), "obj-1", t(0));
        Decision d = decide(SeamlessEvent.ALERT_START, LA, TRUST, t(1));
        assertThat(d.outcome()).isEqualTo(Outcome.RELEASE_IDENTIFIABLE);
        assertThat(d.flagged()).isTrue();
        assertThat(d.overrideReason()).get().asString().contains("obj-1", "alert-start");
        assertThat(d.legalBasis()).isEqualTo("Children Act 2004 s11");
    }

    @Test
    void anObjectionWithholdsOnARouteThatDoesNotOverrideIt() {
        record(ConsentRecord.Kind.OBJECTION, Purpose.DIRECT_CARE, RecipientScope.agency("demo-la-csv"), "obj-1", t(0));
        assertThat(decide(SeamlessEvent.ADMISSION_NOTICE, TRUST, LA, t(1)).outcome()).isEqualTo(Outcome.WITHHOLD);
        record(ConsentRecord.Kind.CONSENT, Purpose.DIRECT_CARE, RecipientScope.agency("demo-la-csv"), "c-2", t(2));
        Decision later = decide(SeamlessEvent.ADMISSION_NOTICE, TRUST, LA, t(3));
        assertThat(later.outcome()).isEqualTo(Outcome.RELEASE_IDENTIFIABLE); // the later consent wins
        assertThat(later.flagged()).isFalse();
    }

    @Test
    void anObjectionCarriedInTheMessageCountsAsAnObjection() {
        Subject objected = Subject.withheld(WithheldReason.OBJECTION_S251A);
        Decision notice = engine.decide(request(SeamlessEvent.ADMISSION_NOTICE, TRUST, LA, objected, t(1)),
                message(SeamlessEvent.ADMISSION_NOTICE).bundle());
        Decision alert = engine.decide(request(SeamlessEvent.ALERT_START, LA, TRUST, objected, t(1)),
                message(SeamlessEvent.ALERT_START).bundle());
        assertThat(notice.outcome()).isEqualTo(Outcome.WITHHOLD);
        assertThat(alert.outcome()).isEqualTo(Outcome.RELEASE_IDENTIFIABLE);
        assertThat(alert.overrideReason()).get().asString().contains("objection-s251a");
        Decision anonymous = engine.decide(request(SeamlessEvent.ADMISSION_NOTICE, TRUST, LA,
                Subject.withheld(WithheldReason.ANONYMOUS_ACCESS), t(1)), message(SeamlessEvent.ADMISSION_NOTICE).bundle());
        assertThat(anonymous.outcome()).isEqualTo(Outcome.RELEASE_IDENTIFIABLE);
    }

    @Test
    void sensitiveCategoriesTheRuleDoesNotAllowAreListedButNeverNamedInReasons() {
        TestMessages m = message(SeamlessEvent.ADMISSION_NOTICE);
        m.add(new Condition().setCode(new CodeableConcept(TestMessages.snomed("86406008"))).setSubject(m.patientRef()));
        Decision d = engine.decide(request(SeamlessEvent.ADMISSION_NOTICE, TRUST, LA, Subject.identified(nhs), t(1)),
                m.bundle());
        assertThat(d.outcome()).isEqualTo(Outcome.RELEASE_IDENTIFIABLE);
        assertThat(d.sensitiveToRemove()).containsExactly("hiv");
        assertThat(String.join(" ", d.reasons())).doesNotContain("hiv").contains("removed before release");
        assertThat(d.toString()).doesNotContain("hiv").contains("1 category");
    }

    @Test
    void aRestrictedLabelOnTheFocusWithholdsUnlessTheRuleAllowsIt() {
        TestMessages notice = message(SeamlessEvent.ADMISSION_NOTICE);
        TestMessages.labelled(notice.header(), "R"); // labels on the header count too
        assertThat(engine.decide(request(SeamlessEvent.ADMISSION_NOTICE, TRUST, LA, Subject.identified(nhs), t(1)),
                notice.bundle()).outcome()).isEqualTo(Outcome.WITHHOLD);

        TestMessages alert = TestMessages.message(SeamlessEvent.ALERT_START, nhs);
        alert.focus(TestMessages.labelled(new Flag().setSubject(alert.patientRef()), "R"));
        assertThat(engine.decide(request(SeamlessEvent.ALERT_START, LA, TRUST, Subject.identified(nhs), t(1)),
                alert.bundle()).outcome()).isEqualTo(Outcome.RELEASE_IDENTIFIABLE);

        TestMessages.labelled(alert.patient(), "V");
        Decision d = engine.decide(request(SeamlessEvent.ALERT_START, LA, TRUST, Subject.identified(nhs), t(1)),
                alert.bundle());
        assertThat(d.outcome()).isEqualTo(Outcome.WITHHOLD);
        assertThat(d.reasons()).singleElement().asString().contains("restricted", "alert-start");
    }

    @Test
    void reasonsNeverCarryTheNhsNumber() {
        record(ConsentRecord.Kind.OBJECTION, Purpose.SAFEGUARDING, RecipientScope.kind(NHS_TRUST), "obj-1", t(0));
        for (Decision d : List.of(decide(SeamlessEvent.ALERT_START, LA, TRUST, t(1)),
                decide(SeamlessEvent.REFERRAL, TRUST, CHARITY, t(1)), decide(SeamlessEvent.ALERT_ACCESS, TRUST, LA, t(1)))) {
            assertThat(d.toString()).doesNotContain(nhs.value()).doesNotContain(nhs.formatted());
        }
    }

    @Test
    void theRuleTableEngineStillDecidesFromTheTableAlone() {
        RuleTableDecisionEngine table = new RuleTableDecisionEngine(RULES);
        Subject s = Subject.identified(nhs);
        assertThat(table.decide(request(SeamlessEvent.ADMISSION_NOTICE, TRUST, LA, s, t(1)), null).outcome())
                .isEqualTo(Outcome.RELEASE_IDENTIFIABLE);
        assertThat(table.decide(request(SeamlessEvent.REFERRAL, TRUST, CHARITY, s, t(1)), null).outcome())
                .isEqualTo(Outcome.WITHHOLD);
        assertThat(new Decision(Outcome.WITHHOLD, "r", "p", "b", Optional.empty(), "x", Optional.empty(), List.of("y"))
                .allowedSensitive()).isEmpty();
    }
}
