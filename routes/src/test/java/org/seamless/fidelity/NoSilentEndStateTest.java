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
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.registry.AgencyRegistry;
import org.seamless.adapters.spi.DeliveryJournal;
import org.seamless.mappings.alert.AlertAccess;
import org.seamless.mappings.alert.AlertAccessMessages;
import org.seamless.mappings.alert.AlertMessages;
import org.seamless.mappings.alert.AlertType;
import org.seamless.mappings.alert.SocialCareAlert;
import org.seamless.mappings.answer.NoticeAnswer;
import org.seamless.mappings.answer.NoticeAnswerMessages;
import org.seamless.ops.reliability.SinkOutagePolicy;
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
 * No silent end states (issue 24), over generated traffic in-process: every flow the routing table
 * has (Care Act notices, the LA's answers to them, social care alerts starting, changing and ending,
 * alert access notifications, referrals from every agency kind, outcomes back to every kind of
 * referrer), under every consent state (none, consent, objection, a withdrawn consent, a consent
 * that has expired), messages addressed to an agency the routing table does not send that event to,
 * and partner outages: each recipient's system is up, refuses, or is down for a while (shorter than
 * its delivery deadline, or past it) when its released legs arrive. Each message's
 * candidate recipients come from the hub's {@link RecipientResolver} over the demo registry and the
 * shipped routing; each leg goes through the shipped chain. One referral in eight is addressed to an
 * agency that is not a voluntary organisation, a leg the routing table and the rules do not cover. Every candidate gets exactly one recorded
 * decision (released identifiable, pseudonymised, or withheld under a named rule), a released leg has
 * a payload, an addressed message always has its addressee as a candidate, and a leg no rule covers is
 * withheld under {@code no-rule}. Every released leg then gets a delivery state through the sink
 * outage policy's deadline rule ({@link SinkOutagePolicy#pastDeadline}) with the agency's deadline from
 * the registry: delivered, refused, or dead-lettered with {@code deadline-passed}; none is left waiting
 * past its deadline. The end-to-end samples are {@code SenderVisibleStatesIT} and {@code DeliveryDeadlineIT}.
 */
class NoSilentEndStateTest {
    static final int MESSAGES = 2_100;
    /** {@code seamless.delivery.deadline}'s default, for an agency whose registry entry names none. */
    static final java.time.Duration DEFAULT_DEADLINE = java.time.Duration.ofDays(5);
    /** How often a waiting leg is tried here: coarser than the 15 s retry delay, to keep the walk short. */
    static final java.time.Duration STEP = java.time.Duration.ofMinutes(1);
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
        List<AgencyConfig> las = registry.ofKind(AgencyKind.LOCAL_AUTHORITY);
        // each recipient's system: up, refusing, or down for a while; which, changes every 300 messages
        List<String> agencyIds = registry.all().stream().map(AgencyConfig::id).toList();
        List<Outage> kinds = List.of(Outage.UP, Outage.REFUSES, Outage.DOWN_BRIEFLY, Outage.DOWN_PAST_DEADLINE);
        Map<SeamlessEvent, Integer> generated = new java.util.EnumMap<>(SeamlessEvent.class);
        Map<String, Integer> consentStates = new LinkedHashMap<>();
        Map<String, Integer> deliveryStates = new LinkedHashMap<>();
        Random random = new Random(2426);
        int legs = 0;
        int noRule = 0;
        int released = 0;
        for (int i = 0; i < MESSAGES; i++) {
            TestPeople.Person p = new TestPeople(260_000L + i).next();
            AgencyConfig source;
            Bundle message;
            SeamlessEvent event;
            switch (i % 6) {
                case 0 -> {
                    event = NOTICES.get(random.nextInt(4));
                    source = registry.get("demo-trust");
                    message = TestNotices.notice(event, 260_000L + i).bundle();
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
                case 2 -> {
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
                case 3 -> {
                    // an LA's answer to a notice, completed by the hub from the notice (to the trust that sent it)
                    event = SeamlessEvent.NOTICE_RESPONSE;
                    source = las.get(random.nextInt(las.size()));
                    Bundle notice = TestNotices.notice(NOTICES.get(random.nextInt(4)), 260_000L + i).bundle();
                    boolean accepted = random.nextBoolean();
                    message = MessageBundles.parse(MessageBundles.toJson(NoticeAnswerMessages.complete(
                            NoticeAnswerMessages.response(NoticeAnswer.of(MessageBundles.messageId(notice).orElseThrow(),
                                    accepted ? "accepted" : "rejected", accepted ? null : "not known here"),
                                    source.id(), "urn:seamless:agency:" + source.id()), notice, ShippedChain.NOW)));
                }
                case 4 -> {
                    source = las.get(random.nextInt(las.size()));
                    LocalDate today = LocalDate.ofInstant(ShippedChain.NOW, java.time.ZoneOffset.UTC);
                    LocalDate start = today.minusDays(1 + random.nextInt(400));
                    LocalDate end = random.nextInt(3) == 0 ? start.plusDays(random.nextInt(400)) : null;
                    SocialCareAlert a = new SocialCareAlert(source.id(), source.odsCode(), source.name(), "A" + i,
                            p.nhsNumber(), AlertType.values()[random.nextInt(AlertType.values().length)], start, end,
                            null, random.nextInt(12) == 0, "Team " + i % 7, null);
                    event = AlertMessages.eventFor(a, random.nextBoolean(), today);
                    message = MessageBundles.parse(MessageBundles.toJson(AlertMessages.message(a, event,
                            UUID.randomUUID().toString(), ShippedChain.NOW, today)));
                }
                default -> {
                  if ((i / 6) % 2 == 1) {
                    // every other one: a discharge to assess event, each of the family in turn (ADR 0060)
                    event = D2A.get((i / 12) % D2A.size());
                    source = org.seamless.mappings.d2a.D2aCodes.FROM_HOSPITAL.contains(event)
                            ? registry.get("demo-trust") : las.get(random.nextInt(las.size()));
                    message = d2a(event, 260_000L + i, p.nhsNumber().value(), source.id());
                  } else {
                    // a trust's setting viewed alerts of one LA (the flag pull), told to that LA only
                    event = SeamlessEvent.ALERT_ACCESS;
                    source = registry.get("demo-trust");
                    AgencyConfig owner = las.get(random.nextInt(las.size()));
                    message = MessageBundles.parse(MessageBundles.toJson(AlertAccessMessages.message(new AlertAccess(
                            p.nhsNumber(), ShippedChain.NOW, source.id(), source.odsCode(), source.name(), "ed",
                            "Emergency Department", List.of(new AlertAccess.Viewed(owner.id() + "/A" + i,
                                    AlertType.CHILD_PROTECTION_PLAN))), UUID.randomUUID().toString())));
                  }
                }
            }
            generated.merge(event, 1, Integer::sum);
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
                Purpose purpose = CHAIN.rules.ruleFor(event, source.kind(), to.kind(), to.id())
                        .map(rule -> Purpose.fromCode(rule.purpose()).orElse(Purpose.REFERRAL)).orElse(Purpose.REFERRAL);
                String state = List.of("none", "consent", "objection", "consent-withdrawn", "consent-expired")
                        .get(random.nextInt(5));
                consentStates.merge(state, 1, Integer::sum);
                switch (state) {
                    case "consent" -> consent(nhs, recipient, ConsentRecord.Kind.CONSENT, purpose, null, false, i);
                    case "objection" -> consent(nhs, recipient, ConsentRecord.Kind.OBJECTION, purpose, null, false, i);
                    case "consent-withdrawn" -> consent(nhs, recipient, ConsentRecord.Kind.CONSENT, purpose, null, true, i);
                    case "consent-expired" -> consent(nhs, recipient, ConsentRecord.Kind.CONSENT, purpose,
                            ShippedChain.NOW.minusSeconds(3_600), false, i);
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
                    String delivery = deliver(kinds.get((agencyIds.indexOf(to.id()) + i / 300) % kinds.size()), to, ShippedChain.NOW.plusSeconds(i));
                    assertThat(delivery).as("delivery state of %s -> %s", id, to.id())
                            .isIn("delivered", "refused", "dead-lettered:" + DeliveryJournal.DEADLINE_PASSED);
                    deliveryStates.merge(delivery, 1, Integer::sum);
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
        // every flow the routing table has, every consent state and every outage kind is in the traffic
        Set<SeamlessEvent> routed = java.util.Arrays.stream(SeamlessEvent.values()).filter(e -> java.util.Arrays
                .stream(AgencyKind.values()).anyMatch(k -> !CHAIN.routing.recipientKinds(e, k).isEmpty()))
                .collect(java.util.stream.Collectors.toSet());
        assertThat(generated.keySet()).as("flows generated").containsAll(routed);
        assertThat(consentStates.keySet()).as("consent states generated")
                .contains("none", "consent", "objection", "consent-withdrawn", "consent-expired");
        assertThat(deliveryStates.keySet()).as("delivery states reached")
                .contains("delivered", "refused", "dead-lettered:" + DeliveryJournal.DEADLINE_PASSED);
        assertThat(deliveryStates.get("delivered")).as("legs delivered after a brief outage are among the delivered")
                .isGreaterThan(0);
        assertThat(released).as("some legs released").isPositive();
        assertThat(noRule).as("some legs no rule covers were generated").isPositive();
    }

    static final List<SeamlessEvent> D2A = java.util.Arrays.stream(SeamlessEvent.values())
            .filter(org.seamless.mappings.d2a.D2aCodes::isD2a).toList();

    /** A discharge to assess event of a made-up stay: a trust event, or a council's answer to its referral. */
    static Bundle d2a(SeamlessEvent event, long seed, String nhs, String council) {
        List<org.seamless.mappings.d2a.D2aStay> stay = org.seamless.mappings.d2a.TestD2a.sequence(seed,
                org.seamless.mappings.d2a.D2aCodes.Pathway.P3, nhs, TestNotices.HOSPITAL_ODS, "LS1 4AP");
        if (org.seamless.mappings.d2a.D2aCodes.FROM_COUNCIL.contains(event)) {
            return MessageBundles.parse(org.seamless.mappings.d2a.D2aMessages.buildJson(
                    org.seamless.mappings.d2a.TestD2a.answer(event, stay.get(1), council, seed)));
        }
        org.seamless.mappings.d2a.D2aStay one = event == SeamlessEvent.D2A_CANCELLED
                ? org.seamless.mappings.d2a.TestD2a.cancellation(stay.get(1), seed)
                : stay.stream().filter(s -> s.event() == event).findFirst().orElseThrow();
        return MessageBundles.parse(org.seamless.mappings.d2a.D2aMessages.buildJson(one));
    }

    static final List<SeamlessEvent> NOTICES = List.of(SeamlessEvent.ADMISSION_NOTICE, SeamlessEvent.ASSESSMENT_NOTICE,
            SeamlessEvent.DISCHARGE_NOTICE, SeamlessEvent.WITHDRAWAL_NOTICE);

    /** A recipient system during the run. */
    enum Outage {
        UP, REFUSES, DOWN_BRIEFLY, DOWN_PAST_DEADLINE;

        /** Whether the system answers at {@code at}; a down system comes back after an hour or after its deadline plus a day. */
        boolean answers(Instant at, java.time.Duration deadline) {
            return switch (this) {
                case UP, REFUSES -> true;
                case DOWN_BRIEFLY -> !at.isBefore(ShippedChain.NOW.plusSeconds(3_600));
                case DOWN_PAST_DEADLINE -> !at.isBefore(ShippedChain.NOW.plus(deadline).plus(java.time.Duration.ofDays(1)));
            };
        }
    }

    /**
     * The delivery state a released leg reaches: tried at release and then every retry delay while the
     * system does not answer (a transient failure: the message waits), until it answers (delivered, or
     * refused) or a failure comes past the agency's deadline ({@link SinkOutagePolicy#pastDeadline}).
     */
    static String deliver(Outage outage, AgencyConfig to, Instant releasedAt) {
        java.time.Duration deadline = to.delivery().deadline().orElse(DEFAULT_DEADLINE);
        long since = releasedAt.toEpochMilli();
        for (Instant at = releasedAt; ; at = at.plus(STEP)) {
            if (outage.answers(at, deadline)) {
                return outage == Outage.REFUSES ? "refused" : "delivered";
            }
            if (SinkOutagePolicy.pastDeadline(since, at.toEpochMilli(), deadline)) {
                return "dead-lettered:" + DeliveryJournal.DEADLINE_PASSED;
            }
        }
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

    private static void consent(NhsNumber nhs, AgencyRef to, ConsentRecord.Kind kind, Purpose purpose, Instant until,
                                boolean withdrawn, int i) {
        Instant at = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i);
        String reference = "inv-" + i + "-" + to.id();
        CHAIN.consents.record(new ConsentRecord(nhs, kind, purpose, RecipientScope.agency(to.id()), at,
                Optional.ofNullable(until), ConsentRecord.Status.ACTIVE, ShippedChain.recorderFor(to), reference, at));
        if (withdrawn) {
            CHAIN.consents.record(new ConsentRecord(nhs, kind, purpose, RecipientScope.agency(to.id()), at,
                    Optional.empty(), ConsentRecord.Status.WITHDRAWN, ShippedChain.recorderFor(to), reference,
                    at.plusSeconds(60)));
        }
    }
}
