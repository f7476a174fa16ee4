package org.seamless.privacy.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.seamless.mappings.canonical.AgencyKind;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.privacy.AgencyRef;
import org.seamless.privacy.consent.ConsentRecord.Kind;
import org.seamless.privacy.consent.ConsentRecord.Status;
import org.seamless.privacy.consent.ConsentStanding.Position;

/** The behaviour every {@link ConsentRegistry} must have; run against memory, H2 and PostgreSQL. */
abstract class ConsentRegistryContract {
    static final Instant T0 = Instant.parse("2025-03-01T09:00:00Z");
    static final AgencyRef CHARITY = new AgencyRef("demo-charity", AgencyKind.VOLUNTARY_ORG);
    static final AgencyRef OTHER_CHARITY = new AgencyRef("other-charity", AgencyKind.VOLUNTARY_ORG);
    static final AgencyRef TRUST = new AgencyRef("demo-trust", AgencyKind.NHS_TRUST);

    ConsentRegistry registry;
    NhsNumber person;
    NhsNumber otherPerson;

    /** A fresh, empty registry for each test. */
    abstract ConsentRegistry newRegistry();

    @BeforeEach
    void setUp() {
        registry = newRegistry();
        person = TestNhsNumbers.nth(1);
        otherPerson = TestNhsNumbers.nth(2);
    }

    static Instant t(int hours) {
        return T0.plus(Duration.ofHours(hours));
    }

    ConsentRecord entry(Kind kind, RecipientScope scope, String ref, Instant at) {
        return new ConsentRecord(person, kind, Purpose.REFERRAL, scope, T0, Optional.empty(), Status.ACTIVE,
                "demo-trust", ref, at);
    }

    ConsentRecord consent(RecipientScope scope, String ref, Instant at) {
        return entry(Kind.CONSENT, scope, ref, at);
    }

    ConsentRecord objection(RecipientScope scope, String ref, Instant at) {
        return entry(Kind.OBJECTION, scope, ref, at);
    }

    Position standing(Instant at) {
        return registry.standing(person, Purpose.REFERRAL, CHARITY, at).position();
    }

    @Test
    void consentThenWithdrawalThenReconsentKeepsTheWholeHistory() {
        ConsentRecord first = consent(RecipientScope.agency("demo-charity"), "ref-1", t(1));
        assertThat(registry.record(first)).isTrue();
        List<ConsentRecord> withdrawn = registry.withdraw("ref-1", t(2), "demo-charity");
        assertThat(registry.record(consent(RecipientScope.agency("demo-charity"), "ref-2", t(3)))).isTrue();

        assertThat(withdrawn).singleElement().satisfies(w -> {
            assertThat(w.status()).isEqualTo(Status.WITHDRAWN);
            assertThat(w.source()).isEqualTo("demo-charity");
        });
        assertThat(registry.history(person)).extracting(ConsentRecord::reference, ConsentRecord::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("ref-1", Status.ACTIVE),
                        org.assertj.core.groups.Tuple.tuple("ref-1", Status.WITHDRAWN),
                        org.assertj.core.groups.Tuple.tuple("ref-2", Status.ACTIVE));
        assertThat(registry.history(person).get(0)).isEqualTo(first); // the withdrawal erased nothing
        assertThat(registry.effectiveConsent(person, Purpose.REFERRAL, CHARITY, t(1).plusSeconds(1)))
                .map(ConsentRecord::reference).contains("ref-1");
        assertThat(registry.effectiveConsent(person, Purpose.REFERRAL, CHARITY, t(2).plusSeconds(1))).isEmpty();
        assertThat(registry.effectiveConsent(person, Purpose.REFERRAL, CHARITY, t(3).plusSeconds(1)))
                .map(ConsentRecord::reference).contains("ref-2");
    }

    @Test
    void reconsentUnderTheSameReferenceIsItsLatestState() {
        registry.record(consent(RecipientScope.agency("demo-charity"), "ref-1", t(1)));
        registry.withdraw("ref-1", t(2), "demo-charity");
        registry.record(consent(RecipientScope.agency("demo-charity"), "ref-1", t(3)));
        assertThat(standing(t(2).plusSeconds(1))).isEqualTo(Position.NONE);
        assertThat(standing(t(4))).isEqualTo(Position.CONSENTED);
        assertThat(registry.history(person)).hasSize(3);
    }

    @Test
    void aRepeatedWithdrawalAppendsNothing() {
        registry.record(consent(RecipientScope.agency("demo-charity"), "ref-1", t(1)));
        assertThat(registry.withdraw("ref-1", t(2), "demo-charity")).hasSize(1);
        assertThat(registry.withdraw("ref-1", t(3), "demo-charity")).isEmpty();
        assertThat(registry.history(person)).hasSize(2);
    }

    @Test
    void withdrawalCoversEveryEntryUnderTheReference() {
        registry.record(consent(RecipientScope.agency("demo-charity"), "ref-1", t(1)));
        registry.record(new ConsentRecord(person, Kind.CONSENT, Purpose.DIRECT_CARE, RecipientScope.kind(AgencyKind.NHS_TRUST),
                T0, Optional.empty(), Status.ACTIVE, "demo-trust", "ref-1", t(1)));
        assertThat(registry.withdraw("ref-1", t(2), "demo-trust")).hasSize(2);
        assertThat(registry.effectiveConsent(person, Purpose.DIRECT_CARE, TRUST, t(3))).isEmpty();
    }

    @Test
    void aNewVersionOfAConsentWithdrawsWhatItNoLongerLists() {
        ConsentRecord charity = consent(RecipientScope.agency("demo-charity"), "ref-1", t(1));
        ConsentRecord other = consent(RecipientScope.agency("other-charity"), "ref-1", t(1));
        assertThat(registry.supersede(List.of(charity, other))).hasSize(2);
        ConsentRecord narrowed = consent(RecipientScope.agency("demo-charity"), "ref-1", t(2));
        List<ConsentRecord> appended = registry.supersede(List.of(narrowed));
        assertThat(appended).extracting(ConsentRecord::status).containsExactly(Status.WITHDRAWN, Status.ACTIVE);
        assertThat(registry.supersede(List.of(narrowed))).isEmpty(); // a repeat changes nothing
        assertThat(registry.effectiveConsent(person, Purpose.REFERRAL, OTHER_CHARITY, t(3))).isEmpty();
        assertThat(registry.effectiveConsent(person, Purpose.REFERRAL, CHARITY, t(3))).contains(narrowed);
        assertThat(registry.history(person)).hasSize(4);
    }

    @Test
    void withdrawingAnUnknownReferenceFails() {
        assertThatThrownBy(() -> registry.withdraw("nope", t(1), "demo-trust"))
                .isInstanceOf(UnknownConsentReferenceException.class).hasMessageContaining("nope");
    }

    @Test
    void recordingTheSameRecordTwiceIsANoOp() {
        ConsentRecord r = consent(RecipientScope.agency("demo-charity"), "ref-1", t(1));
        assertThat(registry.record(r)).isTrue();
        assertThat(registry.record(r)).isFalse();
        assertThat(registry.history(person)).hasSize(1);
    }

    @Test
    void aReferenceBelongsToOnePerson() {
        registry.record(consent(RecipientScope.agency("demo-charity"), "ref-1", t(1)));
        ConsentRecord other = new ConsentRecord(otherPerson, Kind.CONSENT, Purpose.REFERRAL,
                RecipientScope.agency("demo-charity"), T0, Optional.empty(), Status.ACTIVE, "demo-trust", "ref-1", t(2));
        assertThatThrownBy(() -> registry.record(other)).isInstanceOf(ConsentRegistryException.class)
                .hasMessageContaining("another person")
                .hasMessageNotContaining(otherPerson.value()).hasMessageNotContaining(person.value());
        assertThat(registry.history(otherPerson)).isEmpty();
    }

    @Test
    void anAgencySpecificEntryBeatsAKindWideOne() {
        registry.record(consent(RecipientScope.agency("demo-charity"), "specific", t(1)));
        registry.record(consent(RecipientScope.kind(AgencyKind.VOLUNTARY_ORG), "kind-wide", t(2)));
        assertThat(registry.effectiveConsent(person, Purpose.REFERRAL, CHARITY, t(3)))
                .map(ConsentRecord::reference).contains("specific");
        assertThat(registry.effectiveConsent(person, Purpose.REFERRAL, OTHER_CHARITY, t(3)))
                .map(ConsentRecord::reference).contains("kind-wide");
        assertThat(registry.effectiveConsent(person, Purpose.REFERRAL, TRUST, t(3))).isEmpty();
    }

    @Test
    void consentIsForOnePurposeAndOnePeriod() {
        registry.record(new ConsentRecord(person, Kind.CONSENT, Purpose.REFERRAL, RecipientScope.agency("demo-charity"),
                t(10), Optional.of(t(20)), Status.ACTIVE, "demo-trust", "ref-1", t(1)));
        assertThat(registry.effectiveConsent(person, Purpose.DIRECT_CARE, CHARITY, t(15))).isEmpty();
        assertThat(registry.effectiveConsent(person, Purpose.REFERRAL, CHARITY, t(9))).isEmpty();
        assertThat(registry.effectiveConsent(person, Purpose.REFERRAL, CHARITY, t(10))).isPresent();
        assertThat(registry.effectiveConsent(person, Purpose.REFERRAL, CHARITY, t(20))).isEmpty();
    }

    @Test
    void aDecisionAtAnEarlierInstantDoesNotSeeLaterRecords() {
        registry.record(consent(RecipientScope.agency("demo-charity"), "ref-1", t(5)));
        assertThat(standing(t(4))).isEqualTo(Position.NONE);
        assertThat(standing(t(5))).isEqualTo(Position.CONSENTED);
    }

    @Test
    void betweenAConsentAndAnObjectionTheLaterWins() {
        registry.record(objection(RecipientScope.kind(AgencyKind.VOLUNTARY_ORG), "obj", t(1)));
        registry.record(consent(RecipientScope.agency("demo-charity"), "con", t(2)));
        assertThat(standing(t(1).plusSeconds(1))).isEqualTo(Position.OBJECTED);
        assertThat(registry.standing(person, Purpose.REFERRAL, CHARITY, t(3)).governing())
                .map(ConsentRecord::reference).contains("con");
        registry.record(objection(RecipientScope.kind(AgencyKind.VOLUNTARY_ORG), "obj-2", t(4)));
        assertThat(standing(t(5))).isEqualTo(Position.OBJECTED);
        // both still exist on their own
        assertThat(registry.effectiveConsent(person, Purpose.REFERRAL, CHARITY, t(5))).isPresent();
        assertThat(registry.effectiveObjection(person, Purpose.REFERRAL, CHARITY, t(5))).isPresent();
    }

    @Test
    void aTieGoesToTheObjection() {
        registry.record(consent(RecipientScope.agency("demo-charity"), "con", t(1)));
        registry.record(objection(RecipientScope.agency("demo-charity"), "obj", t(1)));
        assertThat(standing(t(2))).isEqualTo(Position.OBJECTED);
    }

    @Test
    void aKindWideConsentDoesNotLiftAnAgencySpecificObjection() {
        registry.record(objection(RecipientScope.agency("demo-charity"), "obj", t(1)));
        registry.record(consent(RecipientScope.kind(AgencyKind.VOLUNTARY_ORG), "con", t(2)));
        assertThat(standing(t(3))).isEqualTo(Position.OBJECTED);
        assertThat(registry.standing(person, Purpose.REFERRAL, OTHER_CHARITY, t(3)).position())
                .isEqualTo(Position.CONSENTED);
    }

    @Test
    void aWithdrawnObjectionNoLongerCounts() {
        registry.record(objection(RecipientScope.agency("demo-charity"), "obj", t(1)));
        registry.withdraw("obj", t(2), "demo-trust");
        assertThat(standing(t(3))).isEqualTo(Position.NONE);
        assertThat(registry.effectiveObjection(person, Purpose.REFERRAL, CHARITY, t(1).plusSeconds(1))).isPresent();
    }

    @Test
    void recordsNeverPrintTheNhsNumber() {
        ConsentRecord r = consent(RecipientScope.agency("demo-charity"), "ref-1", t(1));
        registry.record(r);
        assertThat(r.toString()).doesNotContain(person.value());
        assertThat(registry.toString()).doesNotContain(person.value());
        assertThat(registry.history(person).toString()).doesNotContain(person.value());
    }
}
