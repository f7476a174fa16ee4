package org.seamless.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.registry.AgencyRegistry;
import org.seamless.hub.RecipientResolver;
import org.seamless.hub.residence.OnspdReader;
import org.seamless.hub.residence.ResidenceRules;
import org.seamless.mappings.canonical.AgencyKind;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.mappings.testdata.TestNotices;
import org.seamless.mappings.testdata.TestPeople;
import org.seamless.mappings.vcs.OutcomeMessages;
import org.seamless.mappings.vcs.OutcomeSubmission;
import org.seamless.mappings.vcs.ReferralMessages;
import org.seamless.mappings.vcs.ReferralSubmission;
import org.seamless.privacy.AgencyRef;
import org.seamless.privacy.PrivacyChain;
import org.seamless.privacy.consent.ConsentRecord;
import org.seamless.privacy.consent.Purpose;
import org.seamless.privacy.consent.RecipientScope;
import org.seamless.privacy.decide.Decision;
import org.seamless.privacy.decide.DecisionRequest;
import org.seamless.privacy.record.DisclosureRecord;

/**
 * No silent end states (issue 24), over generated traffic in-process: notices, referrals from every
 * agency kind, outcomes back to every kind of referrer, with no consent, consent or an objection, and
 * messages addressed to an agency the routing table does not send that event to. Each message's
 * candidate recipients come from the hub's {@link RecipientResolver} over the demo registry and the
 * shipped routing; each leg goes through the shipped chain. One referral in eight is addressed to an
 * agency that is not a voluntary organisation, a leg the routing table and the rules do not cover. Every candidate gets exactly one recorded
 * decision (released identifiable, pseudonymised, or withheld under a named rule), a released leg has
 * a payload, an addressed message always has its addressee as a candidate, and a leg no rule covers is
 * withheld under {@code no-rule}. The end-to-end sample is {@code SenderVisibleStatesIT}.
 */
class NoSilentEndStateTest {
    static final int MESSAGES = 2_000;
    static final ShippedChain CHAIN = new ShippedChain();

    @AfterAll
    static void close() {
        CHAIN.close();
    }

    @Test
    void everyCandidateRecipientOfEveryMessageGetsARecordedDecision() throws Exception {
        AgencyRegistry registry = ShippedChain.demoRegistry();
        ResidenceRules residence;
        try (var in = new InputStreamReader(getClass().getResourceAsStream("/config/postcodes-demo.csv"),
                StandardCharsets.UTF_8)) {
            residence = new ResidenceRules(OnspdReader.read(in, "postcodes-demo.csv"));
        }
        RecipientResolver resolver = new RecipientResolver(registry, CHAIN.routing, residence, null);
        List<AgencyConfig> vcs = registry.ofKind(AgencyKind.VOLUNTARY_ORG);
        List<AgencyConfig> referrers = new ArrayList<>(registry.all());
        Random random = new Random(2426);
        int legs = 0;
        int noRule = 0;
        int released = 0;
        for (int i = 0; i < MESSAGES; i++) {
            TestPeople.Person p = new TestPeople(260_000L + i).next();
            AgencyConfig source;
            Bundle message;
            SeamlessEvent event;
            switch (i % 3) {
                case 0 -> {
                    event = List.of(SeamlessEvent.ADMISSION_NOTICE, SeamlessEvent.ASSESSMENT_NOTICE,
                            SeamlessEvent.DISCHARGE_NOTICE, SeamlessEvent.WITHDRAWAL_NOTICE).get(random.nextInt(4));
                    source = registry.get("demo-trust");
                    message = TestNotices.notice(event, 260_000L + i).bundle();
                    p = null;
                }
                case 1 -> {
                    event = SeamlessEvent.REFERRAL;
                    source = referrers.get(random.nextInt(referrers.size()));
                    // one in eight is addressed to an agency that is not a voluntary organisation: no rule covers it
                    List<AgencyConfig> pool = random.nextInt(8) == 0 ? referrers : vcs;
                    AgencyConfig to = pool.get(random.nextInt(pool.size()));
                    if (to.id().equals(source.id())) {
                        to = pool.get((pool.indexOf(to) + 1) % pool.size());
                    }
                    message = referral(p, source, to.id());
                }
                default -> {
                    event = SeamlessEvent.REFERRAL_OUTCOME;
                    source = vcs.get(random.nextInt(vcs.size()));
                    AgencyConfig referrer = referrers.get(random.nextInt(referrers.size()));
                    if (referrer.id().equals(source.id())) {
                        referrer = registry.get("demo-trust");
                    }
                    Bundle referral = referral(p, referrer, source.id());
                    message = MessageBundles.parse(MessageBundles.toJson(OutcomeMessages.outcome(
                            new OutcomeSubmission("completed", "support-provided", null), referral,
                            MessageBundles.messageId(referral).orElseThrow(), party(source), referrer.id(),
                            UUID.randomUUID().toString(), ShippedChain.NOW)));
                }
            }
            NhsNumber nhs = CHAIN.chain.identify(message).nhsNumber().orElseThrow();
            List<AgencyConfig> candidates = resolver.resolve(event, source, message).stream()
                    .map(org.seamless.hub.Recipient::agency).toList();
            assertThat(candidates).as("message %d (%s from %s) has candidates", i, event.code(), source.id()).isNotEmpty();
            if (event == SeamlessEvent.REFERRAL || event == SeamlessEvent.REFERRAL_OUTCOME) {
                String addressee = event == SeamlessEvent.REFERRAL ? ReferralMessages.addressee(message).orElseThrow()
                        : OutcomeMessages.addressee(message).orElseThrow();
                assertThat(candidates).extracting(AgencyConfig::id).containsExactly(addressee);
            }
            String id = MessageBundles.messageId(message).orElseThrow();
            for (AgencyConfig to : candidates) {
                AgencyRef recipient = new AgencyRef(to.id(), to.kind());
                switch (random.nextInt(3)) {
                    case 0 -> consent(nhs, recipient, ConsentRecord.Kind.CONSENT, i);
                    case 1 -> consent(nhs, recipient, ConsentRecord.Kind.OBJECTION, i);
                    default -> { } // no consent on record
                }
                int before = CHAIN.records.size();
                PrivacyChain.LegResult r = CHAIN.chain.process(new PrivacyChain.Leg(new DecisionRequest(id, event,
                        new AgencyRef(source.id(), source.kind()), recipient, CHAIN.chain.identify(message),
                        ShippedChain.NOW), message, 0));
                legs++;
                List<DisclosureRecord> recorded = CHAIN.records.subList(before, CHAIN.records.size());
                assertThat(recorded).as("one recorded decision for %s -> %s", id, to.id()).singleElement()
                        .satisfies(d -> assertThat(d.request().recipient().id()).isEqualTo(to.id()));
                Decision d = r.decision();
                assertThat(d.ruleId()).isNotBlank();
                if (d.releases()) {
                    released++;
                    assertThat(r.released()).isPresent();
                } else {
                    assertThat(r.released()).isEmpty();
                    if (CHAIN.rules.ruleFor(event, source.kind(), to.kind(), to.id()).isEmpty()) {
                        noRule++;
                        assertThat(d.ruleId()).isEqualTo(Decision.NO_RULE);
                    }
                }
            }
        }
        assertThat(legs).isGreaterThanOrEqualTo(MESSAGES);
        assertThat(released).as("some legs released").isPositive();
        assertThat(noRule).as("some legs no rule covers were generated").isPositive();
    }

    private static ReferralMessages.Party party(AgencyConfig a) {
        return new ReferralMessages.Party(a.id(), a.odsCode(), a.name());
    }

    private static Bundle referral(TestPeople.Person p, AgencyConfig from, String to) {
        ReferralSubmission s = new ReferralSubmission(to, "befriending", List.of("company"), "routine", "Generated",
                new ReferralSubmission.Person(p.nhsNumber().value(), p.givenName(), p.familyName(),
                        p.birthDate().toString(), p.gender().toCode(), p.phone(),
                        new ReferralSubmission.Address(p.addressLines(), p.city(), p.postcode())));
        return MessageBundles.parse(MessageBundles.toJson(ReferralMessages.referral(s, party(from),
                UUID.randomUUID().toString(), ShippedChain.NOW)));
    }

    private static void consent(NhsNumber nhs, AgencyRef to, ConsentRecord.Kind kind, int i) {
        Instant at = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i);
        CHAIN.consents.record(new ConsentRecord(nhs, kind, Purpose.REFERRAL, RecipientScope.agency(to.id()), at,
                Optional.empty(), ConsentRecord.Status.ACTIVE, ShippedChain.recorderFor(to), "inv-" + i + "-" + to.id(), at));
    }
}
