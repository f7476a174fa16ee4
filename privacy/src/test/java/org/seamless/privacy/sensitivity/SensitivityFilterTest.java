package org.seamless.privacy.sensitivity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.seamless.privacy.sensitivity.TestMessages.labelled;
import static org.seamless.privacy.sensitivity.TestMessages.snomed;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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

class SensitivityFilterTest {
    final SensitivityFilter filter = new SensitivityFilter(SensitivityPolicy.defaults());
    NhsNumber nhs;
    DecisionRequest request;

    @BeforeEach
    void setUp() {
        nhs = TestNhsNumbers.nth(7);
        request = new DecisionRequest("m-1", SeamlessEvent.REFERRAL, new AgencyRef("demo-trust", AgencyKind.NHS_TRUST),
                new AgencyRef("demo-charity", AgencyKind.VOLUNTARY_ORG), Subject.identified(nhs), Instant.now());
    }

    static Decision allowing(String... categories) {
        return new Decision(Outcome.RELEASE_IDENTIFIABLE, "r", "referral", "b", Optional.empty(), "referral",
                Optional.empty(), List.of(), Set.of(categories), Set.of());
    }

    static String json(Bundle b) {
        return FhirContexts.r4().newJsonParser().encodeResourceToString(b);
    }

    static long count(Bundle b, Class<?> type) {
        return b.getEntry().stream().filter(e -> type.isInstance(e.getResource())).count();
    }

    @Test
    void aResourceWithASuppressedCodeIsRemovedWithEveryReferenceToIt() {
        TestMessages m = TestMessages.message(SeamlessEvent.REFERRAL, nhs);
        Condition hiv = new Condition().setCode(new CodeableConcept(snomed("86406008")).setText("HIV infection"));
        Reference hivRef = m.add(hiv.setSubject(m.patientRef()));
        Encounter enc = new Encounter();
        enc.addDiagnosis().setCondition(hivRef.copy().setDisplay("HIV infection"));
        enc.setText(new Narrative().setStatus(Narrative.NarrativeStatus.GENERATED));
        enc.getText().setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\">HIV</div>");
        m.focus(new ServiceRequest().setSubject(m.patientRef()).addSupportingInfo(m.add(enc)));
        Bundle input = m.bundle();
        String before = json(input);

        Bundle out = filter.apply(input, request, allowing());

        assertThat(json(input)).isEqualTo(before); // the shared input is untouched
        assertThat(count(out, Condition.class)).isZero();
        assertThat(count(out, Encounter.class)).isOne();
        String released = json(out);
        assertThat(released).doesNotContain("86406008").doesNotContain("HIV")
                .doesNotContain(hivRef.getReference()).doesNotContain(hiv.getIdElement().getIdPart());
    }

    @Test
    void aCategoryTheRuleAllowsIsKept() {
        TestMessages m = TestMessages.message(SeamlessEvent.REFERRAL, nhs);
        m.add(new Condition().setCode(new CodeableConcept(snomed("86406008"))));
        assertThat(count(filter.apply(m.bundle(), request, allowing("hiv")), Condition.class)).isOne();
        assertThat(count(filter.apply(m.bundle(), request, allowing("sexual-health")), Condition.class)).isZero();
    }

    @Test
    void aRestrictedLabelRemovesTheResourceUnlessAllowed() {
        TestMessages m = TestMessages.message(SeamlessEvent.REFERRAL, nhs);
        m.add(labelled(new Observation(), "R"));
        m.add(labelled(new Observation(), "V"));
        m.add(new Observation());
        assertThat(count(filter.apply(m.bundle(), request, allowing()), Observation.class)).isOne();
        assertThat(count(filter.apply(m.bundle(), request, allowing("restricted")), Observation.class)).isEqualTo(2);
    }

    @Test
    void aSensitiveCodeInsideAContainedResourceRemovesTheContainer() {
        TestMessages m = TestMessages.message(SeamlessEvent.REFERRAL, nhs);
        Observation obs = new Observation();
        Condition contained = new Condition().setCode(new CodeableConcept(snomed("52637005")));
        contained.setId("ivf");
        obs.addContained(contained);
        obs.addHasMember(new Reference("#ivf"));
        m.add(obs);
        assertThat(count(filter.apply(m.bundle(), request, allowing()), Observation.class)).isZero();
    }

    @Test
    void theHeaderSubjectAndFocusAreKeptButTheirSensitiveCodesEmptied() {
        TestMessages m = TestMessages.message(SeamlessEvent.REFERRAL, nhs);
        m.patient().addExtension(new Extension("https://example.org/gender-history",
                new CodeableConcept(snomed("407377005")).setText("trans man")));
        ServiceRequest referral = new ServiceRequest().setSubject(m.patientRef());
        referral.addReasonCode(new CodeableConcept(snomed("15628003")).setText("gonorrhoea"));
        referral.addReasonCode(new CodeableConcept(snomed("271737000")).setText("Anaemia")); // not sensitive
        referral.setText(new Narrative().setStatus(Narrative.NarrativeStatus.GENERATED));
        referral.getText().setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\">gonorrhoea</div>");
        m.focus(referral);

        Bundle out = filter.apply(m.bundle(), request, allowing());

        assertThat(count(out, MessageHeader.class)).isOne();
        assertThat(count(out, Patient.class)).isOne();
        assertThat(count(out, ServiceRequest.class)).isOne();
        String released = json(out);
        assertThat(released).doesNotContain("407377005").doesNotContain("trans man")
                .doesNotContain("15628003").doesNotContain("gonorrhoea")
                .contains("271737000").contains("Anaemia").contains(nhs.value());
        assertThat(SensitivityPolicy.defaults().categoriesIn(out)).isEmpty();
    }

    @Test
    void aRestrictedLabelOnAResourceTheMessageNeedsIsRefused() {
        TestMessages m = TestMessages.message(SeamlessEvent.REFERRAL, nhs);
        m.focus(labelled(new ServiceRequest(), "R"));
        assertThatThrownBy(() -> filter.apply(m.bundle(), request, allowing()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("should have withheld");
        assertThat(count(filter.apply(m.bundle(), request, allowing("restricted")), ServiceRequest.class)).isOne();
    }
}
