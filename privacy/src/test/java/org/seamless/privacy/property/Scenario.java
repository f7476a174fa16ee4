package org.seamless.privacy.property;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.seamless.mappings.canonical.AgencyKind;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.privacy.AgencyRef;
import org.seamless.privacy.consent.ConsentRecord;
import org.seamless.privacy.consent.InMemoryConsentRegistry;
import org.seamless.privacy.consent.Purpose;
import org.seamless.privacy.consent.RecipientScope;
import org.seamless.privacy.decide.SharingRule;
import org.seamless.privacy.decide.SharingRuleSet;

/**
 * One generated case: an event from a source to one to three recipients, about a person, under
 * random sharing rules (release form, consent required or not, a without-consent fallback,
 * objection override, profile) and a random consent or objection on record.
 */
record Scenario(SeamlessEvent event, AgencyRef source, List<AgencyRef> recipients, SubjectData subject,
                String messageId, Bundle message, SharingRuleSet rules, InMemoryConsentRegistry registry,
                String summary) {

    private static final List<AgencyRef> AGENCIES = List.of(
            new AgencyRef("rxx-leeds-trust", AgencyKind.NHS_TRUST),
            new AgencyRef("rr8-bradford-trust", AgencyKind.NHS_TRUST),
            new AgencyRef("la-leeds", AgencyKind.LOCAL_AUTHORITY),
            new AgencyRef("la-bradford", AgencyKind.LOCAL_AUTHORITY),
            new AgencyRef("vcs-homecare", AgencyKind.VOLUNTARY_ORG),
            new AgencyRef("vcs-carers", AgencyKind.VOLUNTARY_ORG));

    static Scenario random(Random r, List<String> profiles) {
        SeamlessEvent event = SeamlessEvent.values()[r.nextInt(SeamlessEvent.values().length)];
        List<AgencyRef> pool = new ArrayList<>(AGENCIES);
        java.util.Collections.shuffle(pool, r);
        AgencyRef source = pool.get(0);
        List<AgencyRef> recipients = List.copyOf(pool.subList(1, 2 + r.nextInt(3)));
        SubjectData subject = SubjectData.random(r);
        String messageId = new UUID(r.nextLong(), r.nextLong()).toString();
        Bundle message = MessageGenerator.build(r, subject, event, messageId, LeakPropertyTest.AT);

        List<SharingRule> rules = new ArrayList<>();
        StringBuilder summary = new StringBuilder(event.code() + " from " + source.id());
        for (AgencyRef recipient : recipients) {
            SharingRule.Release release = SharingRule.Release.values()[r.nextInt(3)];
            boolean consent = r.nextInt(3) == 0;
            Optional<SharingRule.WithoutConsent> fallback = consent && r.nextBoolean()
                    ? Optional.of(new SharingRule.WithoutConsent("test basis", pick(r, profiles))) : Optional.empty();
            String profile = pick(r, profiles);
            Purpose purpose = Purpose.values()[r.nextInt(Purpose.values().length)];
            rules.add(new SharingRule("rule-" + recipient.id(), event, source.kind(), recipient.kind(),
                    Set.of(recipient.id()), purpose.code(), "test basis", consent, release, profile, r.nextBoolean(),
                    Set.of(), fallback));
            summary.append("; to ").append(recipient.id()).append(' ').append(release).append(consent ? "+consent" : "")
                    .append(fallback.isPresent() ? "+fallback" : "").append(" profile ").append(profile);
        }
        InMemoryConsentRegistry registry = new InMemoryConsentRegistry();
        if (subject.withheld().isEmpty()) {
            for (int i = 0, n = r.nextInt(3); i < n; i++) {
                AgencyRef about = recipients.get(r.nextInt(recipients.size()));
                ConsentRecord.Kind kind = ConsentRecord.Kind.values()[r.nextInt(2)];
                Purpose purpose = Purpose.fromCode(rules.get(recipients.indexOf(about)).purpose()).orElseThrow();
                registry.record(new ConsentRecord(subject.nhs(), kind, purpose,
                        r.nextBoolean() ? RecipientScope.agency(about.id()) : RecipientScope.kind(about.kind()),
                        LeakPropertyTest.AT.minus(Duration.ofDays(30)), Optional.empty(), ConsentRecord.Status.ACTIVE,
                        "test", "consent-" + i, LeakPropertyTest.AT.minus(Duration.ofDays(1))));
                summary.append("; ").append(kind).append(" for ").append(about.id());
            }
        }
        summary.append(subject.withheld().map(w -> "; NHS number withheld").orElse(""));
        return new Scenario(event, source, recipients, subject, messageId, message,
                new SharingRuleSet("test", rules), registry, summary.toString());
    }

    private static String pick(Random r, List<String> values) {
        return values.get(r.nextInt(values.size()));
    }

    @Override
    public String toString() {
        return summary;
    }
}
