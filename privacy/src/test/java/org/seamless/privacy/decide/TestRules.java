package org.seamless.privacy.decide;

import java.util.Optional;
import java.util.Set;
import org.seamless.mappings.canonical.AgencyKind;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.privacy.decide.SharingRule.Release;

/** A small builder for sharing rules in tests. */
final class TestRules {
    private String id;
    private SeamlessEvent event;
    private AgencyKind from;
    private AgencyKind to;
    private Set<String> agencies = Set.of();
    private String purpose = "direct-care";
    private String legalBasis = "Health and Social Care Act 2012 s251B";
    private boolean consentRequired;
    private Release release = Release.IDENTIFIABLE;
    private String profile = "hospital-notice";
    private boolean overridesObjection;
    private Set<String> allowSensitive = Set.of();
    private Optional<SharingRule.WithoutConsent> withoutConsent = Optional.empty();

    static TestRules rule(String id, SeamlessEvent event, AgencyKind from, AgencyKind to) {
        TestRules r = new TestRules();
        r.id = id;
        r.event = event;
        r.from = from;
        r.to = to;
        return r;
    }

    TestRules agencies(String... ids) {
        agencies = Set.of(ids);
        return this;
    }

    TestRules purpose(String p) {
        purpose = p;
        return this;
    }

    TestRules legalBasis(String b) {
        legalBasis = b;
        return this;
    }

    TestRules consentRequired() {
        consentRequired = true;
        return this;
    }

    TestRules release(Release r) {
        release = r;
        return this;
    }

    TestRules profile(String p) {
        profile = p;
        return this;
    }

    TestRules overridesObjection() {
        overridesObjection = true;
        return this;
    }

    TestRules allowSensitive(String... categories) {
        allowSensitive = Set.of(categories);
        return this;
    }

    TestRules withoutConsent(String basis, String fallbackProfile) {
        withoutConsent = Optional.of(new SharingRule.WithoutConsent(basis, fallbackProfile));
        return this;
    }

    SharingRule build() {
        return new SharingRule(id, event, from, to, agencies, purpose, legalBasis, consentRequired, release, profile,
                overridesObjection, allowSensitive, withoutConsent);
    }
}
