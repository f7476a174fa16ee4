package org.seamless.privacy.recall;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.seamless.mappings.canonical.AgencyKind;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.recall.RecallMessages;
import org.seamless.privacy.AgencyRef;
import org.seamless.privacy.consent.ConsentRecord;
import org.seamless.privacy.consent.ConsentStanding;
import org.seamless.privacy.consent.InMemoryConsentRegistry;
import org.seamless.privacy.consent.Purpose;
import org.seamless.privacy.consent.RecipientScope;
import org.seamless.privacy.consent.TestNhsNumbers;
import org.seamless.privacy.decide.ConsentAuthority;
import org.seamless.privacy.decide.ConsentAwareDecisionEngine;
import org.seamless.privacy.decide.Decision;
import org.seamless.privacy.decide.DecisionRequest;
import org.seamless.privacy.decide.Outcome;
import org.seamless.privacy.decide.SharingRule;
import org.seamless.privacy.decide.SharingRuleSet;
import org.seamless.privacy.decide.TestAuthorities;
import org.seamless.privacy.identify.Subject;
import org.seamless.privacy.ledger.EntryKind;
import org.seamless.privacy.ledger.LedgerEntry;
import org.seamless.privacy.sensitivity.SensitivityPolicy;
import org.seamless.privacy.sensitivity.TestMessages;

/**
 * Issue 21's acceptance for recall: over thousands of generated consent histories (consents, their
 * withdrawals, objections, referrals decided by the real decision engine, statutory notices), every
 * recipient that received identifiable data under a basis a later withdrawal or objection removed
 * receives exactly one recall for it, naming exactly those messages, and no other recipient does.
 * The expected outcome comes from an oracle written from ADR 0003's rules for named records (the
 * latest record in force wins, a tie goes to the objection), not from the registry's resolver.
 */
class RecallPropertiesTest {
    static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");
    static final AgencyRef TRUST = new AgencyRef("demo-trust", AgencyKind.NHS_TRUST);
    static final AgencyRef LA = new AgencyRef("demo-la-csv", AgencyKind.LOCAL_AUTHORITY);
    static final List<AgencyRef> CHARITIES = List.of(new AgencyRef("vcs-a", AgencyKind.VOLUNTARY_ORG),
            new AgencyRef("vcs-b", AgencyKind.VOLUNTARY_ORG), new AgencyRef("vcs-c", AgencyKind.VOLUNTARY_ORG));
    static final SharingRuleSet RULES = new SharingRuleSet("test", List.of(
            new SharingRule("referral-from-trust", SeamlessEvent.REFERRAL, AgencyKind.NHS_TRUST,
                    AgencyKind.VOLUNTARY_ORG, Set.of(), "referral", "UK GDPR Art. 6(1)(a) and 9(2)(a) explicit consent",
                    true, SharingRule.Release.IDENTIFIABLE, "referral", false, Set.of(), Optional.empty()),
            new SharingRule("adw-discharge-notice", SeamlessEvent.DISCHARGE_NOTICE, AgencyKind.NHS_TRUST,
                    AgencyKind.LOCAL_AUTHORITY, Set.of(), "direct-care", "Health and Social Care Act 2012 s251B",
                    false, SharingRule.Release.IDENTIFIABLE, "hospital-notice", false, Set.of(), Optional.empty()),
            new SharingRule("alert-access", SeamlessEvent.ALERT_ACCESS, AgencyKind.NHS_TRUST,
                    AgencyKind.LOCAL_AUTHORITY, Set.of(), "safeguarding", "Care Act 2014 s42",
                    false, SharingRule.Release.IDENTIFIABLE, "alert-access", true, Set.of(), Optional.empty())));
    static final Map<String, AgencyKind> KINDS = new HashMap<>();

    static {
        KINDS.put(TRUST.id(), TRUST.kind());
        KINDS.put(LA.id(), LA.kind());
        CHARITIES.forEach(c -> KINDS.put(c.id(), c.kind()));
    }

    final ConsentAuthority authority = TestAuthorities.permissive();

    @Property(tries = 3_000, generation = GenerationMode.RANDOMIZED)
    void everyRecipientThatLostItsBasisGetsExactlyOneRecallAndNoOtherDoes(@ForAll long seed) {
        History h = new History(seed);
        h.run();
        // every lost release is recalled exactly once, by the update that took its basis away, and nothing else is
        Map<String, Set<String>> expected = h.oracleLost;
        assertThat(h.recalled).as("recalls per (update, recipient)").isEqualTo(expected);
        h.recallCounts.forEach((k, n) -> assertThat(n).as("recall messages for %s", k).isEqualTo(1));
        Set<String> everRecalled = new HashSet<>();
        h.recalled.values().forEach(s -> s.forEach(m -> assertThat(everRecalled.add(m)).as("recalled twice: " + m)
                .isTrue()));
        assertThat(everRecalled.stream().filter(h.statutory::contains)).as("statutory releases recalled").isEmpty();
        net.jqwik.api.statistics.Statistics.label("histories").collect(h.recalled.isEmpty() ? "no recall"
                : "with recalls", h.notRecalled.isEmpty() ? "no statutory exemption" : "with statutory exemptions");
        // a statutory release an objection concerned is not recalled, and the ledger says why
        assertThat(h.notRecalled).isEqualTo(h.oracleStatutoryConcerned);
    }

    /** One person's generated history, played through the decision engine, the planner and a ledger kept in memory. */
    final class History {
        final Random r;
        final NhsNumber nhs;
        final InMemoryConsentRegistry registry = new InMemoryConsentRegistry();
        final ConsentAwareDecisionEngine engine;
        final Map<String, LedgerEntry> ledger = new LinkedHashMap<>();
        Instant now = T0;
        int seq;
        // the oracle's own view of the named records: reference -> record state
        final Map<String, OracleRecord> records = new LinkedHashMap<>();
        final List<LedgerEntry> liveReleases = new ArrayList<>();
        final Map<String, Set<String>> oracleLost = new HashMap<>();
        final Map<String, Set<String>> recalled = new HashMap<>();
        final Map<String, Integer> recallCounts = new HashMap<>();
        final Set<String> statutory = new HashSet<>();
        final Set<String> notRecalled = new TreeSet<>();
        final Set<String> oracleStatutoryConcerned = new TreeSet<>();
        final Set<String> oracleRecalledSoFar = new HashSet<>();

        History(long seed) {
            r = new Random(seed);
            nhs = TestNhsNumbers.nth(r.nextInt(500));
            engine = new ConsentAwareDecisionEngine(RULES, registry, SensitivityPolicy.defaults(), authority);
        }

        void run() {
            int steps = 4 + r.nextInt(26);
            for (int i = 0; i < steps; i++) {
                now = now.plus(Duration.ofMinutes(1 + r.nextInt(3)));
                int pick = r.nextInt(10);
                if (pick < 3) {
                    grant();
                } else if (pick < 6) {
                    release();
                } else if (pick < 8) {
                    withdraw();
                } else {
                    object();
                }
            }
        }

        void grant() {
            String ref = "urn:consent:" + (++seq);
            List<AgencyRef> named = someCharities();
            List<ConsentRecord> version = named.stream().map(c -> record(ConsentRecord.Kind.CONSENT, Purpose.REFERRAL,
                    c, ref)).toList();
            registry.supersede(version);
            records.put(ref, new OracleRecord(ConsentRecord.Kind.CONSENT, Purpose.REFERRAL, Set.copyOf(named), now));
            planAndCheck(version, null);
        }

        void withdraw() {
            List<String> active = records.entrySet().stream().filter(e -> e.getValue().active).map(Map.Entry::getKey)
                    .toList();
            if (active.isEmpty()) {
                return;
            }
            String ref = active.get(r.nextInt(active.size()));
            List<ConsentRecord> applied = registry.withdraw(ref, now, TRUST.id());
            records.get(ref).active = false;
            planAndCheck(applied, records.get(ref));
            if (r.nextInt(4) == 0) {
                planAndCheck(applied, records.get(ref)); // a redelivered update: the same recalls, not new ones
            }
        }

        void object() {
            String ref = "urn:objection:" + (++seq);
            boolean toCouncil = r.nextInt(3) == 0;
            Purpose purpose = toCouncil ? (r.nextBoolean() ? Purpose.DIRECT_CARE : Purpose.SAFEGUARDING) : Purpose.REFERRAL;
            List<AgencyRef> named = toCouncil ? List.of(LA) : someCharities();
            List<ConsentRecord> version = named.stream().map(c -> record(ConsentRecord.Kind.OBJECTION, purpose, c, ref))
                    .toList();
            registry.supersede(version);
            OracleRecord o = new OracleRecord(ConsentRecord.Kind.OBJECTION, purpose, Set.copyOf(named), now);
            records.put(ref, o);
            planAndCheck(version, o);
        }

        void release() {
            boolean statutoryFlow = r.nextInt(3) == 0;
            AgencyRef to = statutoryFlow ? LA : CHARITIES.get(r.nextInt(CHARITIES.size()));
            SeamlessEvent event = statutoryFlow ? (r.nextBoolean() ? SeamlessEvent.DISCHARGE_NOTICE
                    : SeamlessEvent.ALERT_ACCESS) : SeamlessEvent.REFERRAL;
            String messageId = "m-" + (++seq);
            Decision d = engine.decide(new DecisionRequest(messageId, event, TRUST, to, Subject.identified(nhs), now),
                    message(event));
            if (!d.releases()) {
                return;
            }
            LedgerEntry release = new LedgerEntry(0, EntryKind.RELEASE, messageId, to.id(), 0, event.code(), TRUST.id(),
                    "subject", d.outcome().name(), d.ruleId(), d.purpose(), d.legalBasis(),
                    d.consentReference().orElse(null), d.overrideReason().orElse(null), "Patient", "digest", now, now,
                    null, d.consentRecorder().orElse(null));
            append(release);
            liveReleases.add(release);
            if (!RecallPlanner.restsOnConsent(release)) {
                statutory.add(messageId);
            }
        }

        Bundle message(SeamlessEvent event) {
            TestMessages m = TestMessages.message(event, nhs);
            m.focus(new ServiceRequest().setSubject(m.patientRef()));
            return m.bundle();
        }

        void planAndCheck(List<ConsentRecord> applied, OracleRecord removing) {
            String updateId = "u-" + (++seq);
            if (removing != null) {
                expectations(updateId, removing);
            }
            plan(applied, updateId);
            if (removing != null && r.nextInt(5) == 0) {
                plan(applied, updateId); // repeated after a crash: same recall ids, no second recall
            }
        }

        void plan(List<ConsentRecord> applied, String updateId) {
            RecallPlanner.Plan plan = RecallPlanner.plan(new ArrayList<>(ledger.values()), applied,
                    id -> Optional.ofNullable(KINDS.get(id)), (p, to) -> registry.standing(nhs, p, to, now,
                            authority::authorises).position() == ConsentStanding.Position.CONSENTED,
                    new RecallPlanner.Cause(TRUST.id(), updateId), now);
            for (RecallPlanner.PlannedRecall pr : plan.recalls()) {
                RecallMessages.Recall read = RecallMessages.read(RecallMessages.build(pr.recall(), TRUST.id()))
                        .orElseThrow();
                String key = updateId + "|" + pr.recipient().id();
                Set<String> ids = new TreeSet<>();
                read.messages().forEach(m -> ids.add(m.messageId()));
                Set<String> before = recalled.putIfAbsent(key, ids);
                if (before == null) {
                    recallCounts.merge(key, 1, Integer::sum);
                } else {
                    assertThat(ids).as("a repeated plan makes the same recall").isEqualTo(before);
                    assertThat(pr.recall().recallId()).isEqualTo(RecallMessages.recallId(TRUST.id(), updateId,
                            pr.recipient().id()));
                }
            }
            plan.entries().forEach(this::append);
            plan.entries().stream().filter(e -> e.kind() == EntryKind.NOT_RECALLED)
                    .forEach(e -> notRecalled.add(e.messageId()));
        }

        /** Which live releases the update takes the basis from, by the oracle's reading of the named records. */
        void expectations(String updateId, OracleRecord removing) {
            for (LedgerEntry rel : liveReleases) {
                Purpose p = Purpose.fromCode(rel.purpose()).orElseThrow();
                if (removing.purpose != p || removing.named.stream().noneMatch(a -> a.id().equals(rel.recipient()))) {
                    continue;
                }
                // an objection made, or a consent withdrawn (withdrawing an objection takes no basis away)
                boolean concerns = removing.kind == ConsentRecord.Kind.OBJECTION ? removing.active : !removing.active;
                if (!concerns) {
                    continue;
                }
                if (rel.consentRef() == null || rel.overrideReason() != null) {
                    oracleStatutoryConcerned.add(rel.messageId());
                    continue;
                }
                if (!oracleRecalledSoFar.contains(rel.messageId()) && !consentedNow(p, rel.recipient())) {
                    oracleRecalledSoFar.add(rel.messageId());
                    oracleLost.computeIfAbsent(updateId + "|" + rel.recipient(), k -> new TreeSet<>())
                            .add(rel.messageId());
                }
            }
        }

        /** ADR 0003 for named records: among the records in force naming the recipient, the latest wins; a tie objects. */
        boolean consentedNow(Purpose p, String recipient) {
            OracleRecord latest = null;
            for (OracleRecord o : records.values()) {
                if (!o.active || o.purpose != p || o.named.stream().noneMatch(a -> a.id().equals(recipient))) {
                    continue;
                }
                if (latest == null || o.at.isAfter(latest.at)
                        || (o.at.equals(latest.at) && o.kind == ConsentRecord.Kind.OBJECTION)) {
                    latest = o;
                }
            }
            return latest != null && latest.kind == ConsentRecord.Kind.CONSENT;
        }

        void append(LedgerEntry e) {
            String key = e.sourceAgency() + "|" + e.messageId() + "|" + e.recipient() + "|" + e.replayGeneration() + "|"
                    + e.kind();
            ledger.putIfAbsent(key, e); // the ledger's unique key: a repeated step adds nothing
        }

        List<AgencyRef> someCharities() {
            List<AgencyRef> out = new ArrayList<>();
            CHARITIES.forEach(c -> {
                if (r.nextBoolean()) {
                    out.add(c);
                }
            });
            return out.isEmpty() ? List.of(CHARITIES.get(r.nextInt(CHARITIES.size()))) : out;
        }

        ConsentRecord record(ConsentRecord.Kind kind, Purpose purpose, AgencyRef to, String ref) {
            return new ConsentRecord(nhs, kind, purpose, RecipientScope.agency(to.id()), now, Optional.empty(),
                    ConsentRecord.Status.ACTIVE, TRUST.id(), ref, now);
        }
    }

    /** The oracle's copy of one consent or objection: what it names, when it was made, whether it still stands. */
    static final class OracleRecord {
        final ConsentRecord.Kind kind;
        final Purpose purpose;
        final Set<AgencyRef> named;
        final Instant at;
        boolean active = true;

        OracleRecord(ConsentRecord.Kind kind, Purpose purpose, Set<AgencyRef> named, Instant at) {
            this.kind = kind;
            this.purpose = purpose;
            this.named = named;
            this.at = at;
        }
    }
}
