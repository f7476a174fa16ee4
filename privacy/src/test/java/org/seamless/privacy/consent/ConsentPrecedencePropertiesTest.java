package org.seamless.privacy.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.seamless.mappings.canonical.AgencyKind;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.privacy.AgencyRef;
import org.seamless.privacy.consent.ConsentRecord.Kind;
import org.seamless.privacy.consent.ConsentStanding.Position;

/** Random histories of consents, objections and withdrawals: the precedence rules of ADR 0003 always hold. */
class ConsentPrecedencePropertiesTest {
    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    static final AgencyRef CHARITY = new AgencyRef("demo-charity", AgencyKind.VOLUNTARY_ORG);
    static final List<RecipientScope> SCOPES = List.of(RecipientScope.agency("demo-charity"),
            RecipientScope.agency("other-charity"), RecipientScope.kind(AgencyKind.VOLUNTARY_ORG),
            RecipientScope.kind(AgencyKind.NHS_TRUST));
    static final NhsNumber NHS = TestNhsNumbers.nth(20);

    /** One step: record a consent or objection, or withdraw an earlier reference; minutes after the last step. */
    record Step(boolean withdraw, Kind kind, int scope, int earlier, int minutesLater) {
    }

    @Provide
    Arbitrary<List<Step>> histories() {
        return Combinators.combine(Arbitraries.of(false, false, true), Arbitraries.of(Kind.values()),
                Arbitraries.integers().between(0, SCOPES.size() - 1), Arbitraries.integers().between(0, 20),
                Arbitraries.integers().between(0, 3)).as(Step::new).list().ofMaxSize(12);
    }

    @Property(tries = 500)
    void theLaterWinsTiesGoToTheObjectionAndBroadConsentNeverLiftsANarrowObjection(@ForAll("histories") List<Step> steps) {
        InMemoryConsentRegistry registry = new InMemoryConsentRegistry();
        Instant at = T0;
        int recorded = 0;
        for (Step s : steps) {
            at = at.plus(Duration.ofMinutes(s.minutesLater()));
            if (s.withdraw() && recorded > 0) {
                registry.withdraw("ref-" + (s.earlier() % recorded), at, "demo-charity");
            } else {
                registry.record(new ConsentRecord(NHS, s.kind(), Purpose.REFERRAL, SCOPES.get(s.scope()), T0,
                        Optional.empty(), ConsentRecord.Status.ACTIVE, "demo-trust", "ref-" + recorded++, at));
            }
        }
        Instant now = at.plusSeconds(1);
        List<ConsentRecord> inForce = ConsentResolver.latestStates(registry.history(NHS), now).stream()
                .filter(r -> r.appliesTo(Purpose.REFERRAL, CHARITY) && r.inForceAt(now)).toList();
        List<ConsentRecord> objections = inForce.stream().filter(r -> r.kind() == Kind.OBJECTION).toList();
        List<ConsentRecord> consents = inForce.stream().filter(r -> r.kind() == Kind.CONSENT).toList();
        ConsentStanding standing = registry.standing(NHS, Purpose.REFERRAL, CHARITY, now);

        if (inForce.isEmpty()) {
            assertThat(standing.position()).isEqualTo(Position.NONE);
        } else if (objections.isEmpty()) {
            assertThat(standing.position()).isEqualTo(Position.CONSENTED);
        } else if (consents.isEmpty()) {
            assertThat(standing.position()).isEqualTo(Position.OBJECTED);
        }
        if (standing.position() == Position.CONSENTED) {
            ConsentRecord c = standing.governing().orElseThrow();
            assertThat(objections).allSatisfy(o -> {
                assertThat(c.recordedAt()).isAfter(o.recordedAt());
                if (o.recipient().agencySpecific()) {
                    assertThat(c.recipient().agencySpecific()).isTrue();
                }
            });
        }
        Optional<Instant> latestObjection = objections.stream().map(ConsentRecord::recordedAt).max(Instant::compareTo);
        boolean laterConsentExists = consents.stream().anyMatch(c -> latestObjection.map(c.recordedAt()::isAfter).orElse(true)
                && (c.recipient().agencySpecific() || objections.stream().noneMatch(o -> o.recipient().agencySpecific())));
        if (!objections.isEmpty() && !laterConsentExists) {
            assertThat(standing.position()).isEqualTo(Position.OBJECTED);
        }
    }
}
