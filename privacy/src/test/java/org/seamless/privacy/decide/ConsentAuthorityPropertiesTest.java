package org.seamless.privacy.decide;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.seamless.mappings.canonical.AgencyKind;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.privacy.AgencyRef;
import org.seamless.privacy.consent.ConsentRecord;
import org.seamless.privacy.consent.ConsentRegistry;
import org.seamless.privacy.consent.InMemoryConsentRegistry;
import org.seamless.privacy.consent.Purpose;
import org.seamless.privacy.consent.RecipientScope;
import org.seamless.privacy.consent.TestNhsNumbers;
import org.seamless.privacy.identify.Subject;
import org.seamless.privacy.sensitivity.SensitivityPolicy;
import org.seamless.privacy.sensitivity.TestMessages;

/**
 * Consent authority as a property (ADR 0032): over generated agencies, generated authority
 * policies and generated consent submissions (any agency, registered or not, recording any
 * consent, objection or withdrawal for anyone), no decision ever rests on a record its recorder had
 * no authority to make, and records without authority change no decision at all: every decision
 * equals the one made over a registry holding only the authorised records.
 */
class ConsentAuthorityPropertiesTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final String GHOST = "ghost-agency"; // not in the registry

    /** One generated world: agencies, a policy, the registry as submitted, and legs to decide. */
    record World(Map<String, AgencyKind> agencies, ConsentAuthority authority, List<ConsentRecord> submitted,
                 List<Leg> legs, NhsNumber person, String summary) {
        @Override
        public String toString() {
            return summary;
        }
    }

    record Leg(SharingRule rule, AgencyRef source, AgencyRef recipient, Instant at) {
    }

    @Provide
    Arbitrary<World> worlds() {
        return Arbitraries.randomValue(ConsentAuthorityPropertiesTest::world);
    }

    @Property(tries = 3_000, generation = GenerationMode.RANDOMIZED)
    void noDecisionRestsOnARecordItsRecorderHadNoAuthorityToMake(@ForAll("worlds") World w) {
        InMemoryConsentRegistry all = new InMemoryConsentRegistry();
        InMemoryConsentRegistry authorisedOnly = new InMemoryConsentRegistry();
        for (ConsentRecord r : w.submitted()) {
            try {
                all.record(r);
            } catch (org.seamless.privacy.consent.ConsentRegistryException clash) {
                continue; // the same entry state twice at one instant: refused by every registry, so by both here
            }
            if (w.authority().authorises(r)) {
                authorisedOnly.record(r);
            }
        }
        for (Leg leg : w.legs()) {
            SharingRuleSet rules = new SharingRuleSet("p", List.of(leg.rule()));
            Decision d = decide(rules, all, w, leg);
            if (d.consentRecorder().isPresent()) {
                String ref = d.consentReference().orElseThrow();
                List<ConsentRecord> restedOn = all.byReference(ref).stream()
                        .filter(r -> r.recorder().equals(d.consentRecorder().get())).toList();
                assertThat(restedOn).as("the record the decision names").isNotEmpty();
                assertThat(restedOn).as("records under %s by %s", ref, d.consentRecorder().get())
                        .allMatch(w.authority()::authorises);
            }
            if (leg.rule().consentRequired() && d.releases() && !d.ruleId().endsWith("/without-consent")) {
                assertThat(d.consentRecorder()).as("a consent release names its recorder").isPresent();
            }
            assertThat(d).as("records without authority change nothing")
                    .isEqualTo(decide(rules, authorisedOnly, w, leg));
        }
    }

    private static Decision decide(SharingRuleSet rules, ConsentRegistry registry, World w, Leg leg) {
        TestMessages m = TestMessages.message(SeamlessEvent.REFERRAL, w.person());
        m.focus(new ServiceRequest().setSubject(m.patientRef()));
        return new ConsentAwareDecisionEngine(rules, registry, SensitivityPolicy.defaults(), w.authority())
                .decide(new DecisionRequest("msg-1", SeamlessEvent.REFERRAL, leg.source(), leg.recipient(),
                        Subject.identified(w.person()), leg.at()), m.bundle());
    }

    static World world(Random r) {
        AgencyKind[] kinds = AgencyKind.values();
        Purpose[] purposes = Purpose.values();
        Map<String, AgencyKind> agencies = new HashMap<>();
        int n = 2 + r.nextInt(5);
        for (int i = 0; i < n; i++) {
            agencies.put("agency-" + i, kinds[r.nextInt(kinds.length)]);
        }
        List<String> ids = new ArrayList<>(agencies.keySet());
        ids.sort(String::compareTo);
        List<ConsentAuthority.Grant> grants = new ArrayList<>();
        for (int g = r.nextInt(5); g > 0; g--) {
            grants.add(new ConsentAuthority.Grant("g" + g, kinds[r.nextInt(kinds.length)],
                    some(r, EnumSet.allOf(ConsentRecord.Kind.class)), some(r, EnumSet.allOf(Purpose.class)),
                    some(r, EnumSet.allOf(AgencyKind.class))));
        }
        Set<String> ig = ids.stream().filter(x -> r.nextInt(6) == 0).collect(Collectors.toSet());
        ConsentAuthority authority = new ConsentAuthority("p", grants, ig, id -> Optional.ofNullable(agencies.get(id)));

        NhsNumber person = TestNhsNumbers.nth(1 + r.nextInt(500));
        List<String> recorders = new ArrayList<>(ids);
        recorders.add(GHOST);
        List<ConsentRecord> submitted = new ArrayList<>();
        int records = r.nextInt(10);
        for (int i = 0; i < records; i++) {
            Instant at = T0.plus(Duration.ofMinutes(r.nextInt(100)));
            if (!submitted.isEmpty() && r.nextInt(5) == 0) { // someone withdraws an earlier reference
                ConsentRecord earlier = submitted.get(r.nextInt(submitted.size()));
                if (!at.isBefore(earlier.recordedAt())) {
                    submitted.add(earlier.withdrawn(at, recorders.get(r.nextInt(recorders.size()))));
                }
                continue;
            }
            RecipientScope scope = r.nextBoolean() ? RecipientScope.kind(kinds[r.nextInt(kinds.length)])
                    : RecipientScope.agency(recorders.get(r.nextInt(recorders.size())));
            submitted.add(new ConsentRecord(person, r.nextBoolean() ? ConsentRecord.Kind.CONSENT : ConsentRecord.Kind.OBJECTION,
                    purposes[r.nextInt(purposes.length)], scope, T0.minus(Duration.ofDays(1)), Optional.empty(),
                    ConsentRecord.Status.ACTIVE, recorders.get(r.nextInt(recorders.size())), "ref-" + i, at));
        }
        List<Leg> legs = new ArrayList<>();
        for (int l = 1 + r.nextInt(4); l > 0; l--) {
            String from = ids.get(r.nextInt(ids.size()));
            String to = ids.get(r.nextInt(ids.size()));
            boolean consentRequired = r.nextBoolean();
            TestRules rule = TestRules.rule("rule", SeamlessEvent.REFERRAL, agencies.get(from), agencies.get(to))
                    .purpose(purposes[r.nextInt(purposes.length)].code()).legalBasis("a basis").profile("referral");
            if (consentRequired) {
                rule.consentRequired();
            } else if (r.nextBoolean()) {
                rule.overridesObjection();
            }
            legs.add(new Leg(rule.build(), new AgencyRef(from, agencies.get(from)), new AgencyRef(to, agencies.get(to)),
                    T0.plus(Duration.ofMinutes(r.nextInt(120)))));
        }
        String summary = "agencies " + agencies + ", grants " + grants.size() + ", ig " + ig + ", records "
                + submitted + ", legs " + legs.stream().map(x -> x.rule().purpose() + (x.rule().consentRequired()
                ? "/consent" : "") + " " + x.source().id() + "->" + x.recipient().id()).toList();
        return new World(agencies, authority, submitted, legs, person, summary);
    }

    private static <E extends Enum<E>> Set<E> some(Random r, EnumSet<E> all) {
        Set<E> out = all.stream().filter(x -> r.nextBoolean()).collect(Collectors.toSet());
        return out.isEmpty() ? Set.of(all.iterator().next()) : out;
    }
}
