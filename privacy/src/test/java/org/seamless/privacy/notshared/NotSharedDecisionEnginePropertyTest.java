package org.seamless.privacy.notshared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.seamless.mappings.canonical.AgencyKind;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.privacy.AgencyRef;
import org.seamless.privacy.decide.Decision;
import org.seamless.privacy.decide.DecisionRequest;
import org.seamless.privacy.decide.Outcome;
import org.seamless.privacy.identify.Subject;

/**
 * ADR 0082 as a property, over thousands of generated messages, recipients and recorded decisions: a leg
 * whose message carries an item that a decision withholds from its recipient (named, or everyone) is always
 * withheld under the decision-not-to-share rule; every other leg gets exactly what the rules decide.
 */
class NotSharedDecisionEnginePropertyTest {
    static final String SYSTEM = "https://seamless.dev/fhir/Id/social-care-alert";
    static final List<String> AGENCIES = List.of("trust-a", "trust-b", "gp-c", "charity-d");
    static final Decision RELEASE = new Decision(Outcome.RELEASE_IDENTIFIABLE, "rule", "safeguarding", "basis",
            Optional.empty(), "profile", Optional.empty(), List.of("released by rule"));

    record Recorded(String itemKey, List<String> recipients) {
    }

    record Case(List<String> items, boolean serviceRequest, String recipient, List<Recorded> decisions) {
    }

    @Property(tries = 3000)
    void aRecordedDecisionAlwaysWithholds(@ForAll("cases") Case c) {
        NotSharedRegister register = (keys, recipient) -> c.decisions().stream()
                .filter(d -> keys.contains(d.itemKey()))
                .filter(d -> d.recipients().isEmpty() || d.recipients().contains(recipient))
                .findFirst().map(d -> new NotSharedRegister.Match("d-" + d.itemKey().hashCode(), d.itemKey(), "la"));
        NotSharedDecisionEngine engine = new NotSharedDecisionEngine((req, msg) -> RELEASE, register);
        Bundle message = message(c);
        Decision d = engine.decide(new DecisionRequest("m-1", SeamlessEvent.ALERT_UPDATE,
                new AgencyRef("la", AgencyKind.LOCAL_AUTHORITY), new AgencyRef(c.recipient(), AgencyKind.NHS_TRUST),
                Subject.identified(NhsNumber.parse("9990000018")), Instant.EPOCH), message);

        Set<String> carried = NotSharedDecisionEngine.itemKeys(message);
        boolean applies = c.decisions().stream().anyMatch(r -> carried.contains(r.itemKey())
                && (r.recipients().isEmpty() || r.recipients().contains(c.recipient())));
        if (applies) {
            assertThat(d.outcome()).isEqualTo(Outcome.WITHHOLD);
            assertThat(d.ruleId()).isEqualTo(NotSharedDecisionEngine.RULE_ID);
            assertThat(d.reasons()).singleElement().asString().contains("decision not to share");
        } else {
            assertThat(d).isSameAs(RELEASE);
        }
        // the person's own identifier is never an item
        assertThat(carried).noneMatch(k -> k.startsWith(NhsNumber.SYSTEM));
    }

    private static Bundle message(Case c) {
        Bundle b = new Bundle().setType(Bundle.BundleType.MESSAGE);
        Patient p = new Patient();
        p.addIdentifier().setSystem(NhsNumber.SYSTEM).setValue("9990000018");
        b.addEntry().setResource(p);
        for (String item : c.items()) {
            Flag f = new Flag();
            f.addIdentifier().setSystem(SYSTEM).setValue(item);
            b.addEntry().setResource(f);
        }
        if (c.serviceRequest()) {
            ServiceRequest sr = new ServiceRequest();
            sr.addIdentifier().setSystem("https://example.org/referral").setValue("R1");
            b.addEntry().setResource(sr);
        }
        return b;
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<String> items = Arbitraries.of("la/CP1", "la/CP2", "la/LAC1", "la/CARER1", "la/RA1", "other/CP1");
        Arbitrary<List<String>> recipients = Arbitraries.of(AGENCIES).list().ofMaxSize(3).uniqueElements();
        Arbitrary<Recorded> decision = Combinators.combine(
                Arbitraries.oneOf(items.map(i -> NotSharedRegister.key(SYSTEM, i)),
                        Arbitraries.just(NotSharedRegister.key("https://example.org/referral", "R1")),
                        Arbitraries.just(NotSharedRegister.key(NhsNumber.SYSTEM, "9990000018"))),
                recipients).as(Recorded::new);
        return Combinators.combine(items.list().ofMaxSize(4), Arbitraries.of(true, false), Arbitraries.of(AGENCIES),
                decision.list().ofMaxSize(5)).as((i, sr, r, d) -> new Case(new ArrayList<>(i), sr, r, d));
    }
}
