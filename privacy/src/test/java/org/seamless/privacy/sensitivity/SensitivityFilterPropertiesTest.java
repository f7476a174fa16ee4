package org.seamless.privacy.sensitivity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
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
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.seamless.mappings.canonical.AgencyKind;
import org.seamless.mappings.canonical.FhirContexts;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.privacy.AgencyRef;
import org.seamless.privacy.consent.TestNhsNumbers;
import org.seamless.privacy.decide.Decision;
import org.seamless.privacy.decide.DecisionRequest;
import org.seamless.privacy.decide.Outcome;
import org.seamless.privacy.identify.Subject;

/**
 * Generated messages: whatever mix of sensitive codes and labels they hold, the filtered message
 * holds no category the rule does not allow, keeps its header, subject and focus, and has no
 * reference left pointing at a removed entry. (Runs as part of the suite via jqwik's engine.)
 */
class SensitivityFilterPropertiesTest {
    static final SensitivityPolicy POLICY = SensitivityPolicy.defaults();
    static final List<String> CODES = List.of("86406008", "165816005", "8098009", "15628003", "76272004",
            "105629000", "93461009", "407377005", "407376001", "52637005", // sensitive
            "271737000", "38341003", "44054006", "195967001"); // not in any default category
    static final NhsNumber NHS = TestNhsNumbers.nth(11);

    record Item(String code, Optional<String> label, boolean referenced) {
    }

    @Provide
    Arbitrary<List<Item>> items() {
        Arbitrary<Item> item = Combinators.combine(Arbitraries.of(CODES),
                        Arbitraries.of("R", "V", "N", "none").map(l -> l.equals("none") ? Optional.<String>empty() : Optional.of(l)),
                        Arbitraries.of(true, false))
                .as(Item::new);
        return item.list().ofMaxSize(8);
    }

    @Provide
    Arbitrary<Set<String>> allowed() {
        return Arbitraries.of(POLICY.categoryNames().stream().sorted().toList()).set().ofMaxSize(4)
                .map(HashSet::new);
    }

    @Property(tries = 300)
    void nothingNotAllowedEscapesAndNothingDangles(@ForAll("items") List<Item> items, @ForAll("allowed") Set<String> allowed,
                                                   @ForAll("codesOnFocus") List<String> focusCodes) {
        TestMessages m = TestMessages.message(SeamlessEvent.REFERRAL, NHS);
        Encounter enc = new Encounter();
        for (int n = 0; n < items.size(); n++) {
            Item i = items.get(n);
            Condition c = new Condition().setCode(new CodeableConcept(TestMessages.snomed(i.code())).setText("cond-" + n + "."));
            i.label().ifPresent(l -> TestMessages.labelled(c, l));
            Reference ref = m.add(c.setSubject(m.patientRef()));
            if (i.referenced()) {
                enc.addDiagnosis().setCondition(ref.copy().setDisplay("diag-" + n + "."));
            }
        }
        Reference encRef = m.add(enc);
        ServiceRequest focus = new ServiceRequest().setSubject(m.patientRef()).setEncounter(encRef);
        focusCodes.forEach(code -> focus.addReasonCode(new CodeableConcept(TestMessages.snomed(code)).setText("r-" + code)));
        m.focus(focus);

        Decision decision = new Decision(Outcome.RELEASE_IDENTIFIABLE, "r", "referral", "b", Optional.empty(), "p",
                Optional.empty(), List.of(), allowed, Set.of());
        DecisionRequest request = new DecisionRequest("m", SeamlessEvent.REFERRAL,
                new AgencyRef("demo-trust", AgencyKind.NHS_TRUST), new AgencyRef("demo-charity", AgencyKind.VOLUNTARY_ORG),
                Subject.identified(NHS), Instant.EPOCH);
        Bundle out = new SensitivityFilter(POLICY).apply(m.bundle(), request, decision);

        assertThat(POLICY.categoriesIn(out)).isSubsetOf(allowed);
        assertThat(out.getEntry()).filteredOn(e -> e.getResource() instanceof MessageHeader).hasSize(1);
        assertThat(out.getEntry()).filteredOn(e -> e.getResource() instanceof Patient).hasSize(1);
        assertThat(out.getEntry()).filteredOn(e -> e.getResource() instanceof ServiceRequest).hasSize(1);
        String json = FhirContexts.r4().newJsonParser().encodeResourceToString(out);
        for (Bundle.BundleEntryComponent e : out.getEntry()) {
            for (Reference r : SensitivityPolicy.terser().getAllPopulatedChildElementsOfType(e.getResource(), Reference.class)) {
                if (r.hasReference()) {
                    assertThat(out.getEntry()).as("reference %s resolves", r.getReference())
                            .anyMatch(target -> BundleReferences.matches(r.getReference(), target));
                }
            }
        }
        for (int n = 0; n < items.size(); n++) {
            Item i = items.get(n);
            boolean codeMayPass = POLICY.categoriesOfCoding(TestMessages.snomed(i.code())).stream().allMatch(allowed::contains);
            boolean labelMayPass = i.label().map(l -> switch (l) {
                case "R" -> allowed.contains("restricted");
                case "V" -> allowed.contains("very-restricted");
                default -> true;
            }).orElse(true);
            if (codeMayPass && labelMayPass) {
                assertThat(json).contains("cond-" + n + ".");
            } else {
                assertThat(json).doesNotContain("cond-" + n + ".").doesNotContain("diag-" + n + ".");
            }
        }
        assertThat(out.getEntry()).allSatisfy(e -> assertThat((Resource) e.getResource()).isNotNull());
    }

    @Provide
    Arbitrary<List<String>> codesOnFocus() {
        return Arbitraries.of(CODES).list().ofMaxSize(3);
    }
}
