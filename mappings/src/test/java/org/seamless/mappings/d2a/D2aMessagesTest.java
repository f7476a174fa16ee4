package org.seamless.mappings.d2a;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.mappings.validation.UkCoreValidation;

class D2aMessagesTest {
    private static final String NHS = "9990000018";

    @ParameterizedTest
    @EnumSource(D2aCodes.Pathway.class)
    void everyTrustEventRoundTripsThroughJsonAndValidatesAgainstUkCore(D2aCodes.Pathway pathway) {
        List<D2aStay> sequence = TestD2a.sequence(pathway.ordinal(), pathway, NHS, "RR8", "LS1 4AP");
        List<D2aStay> all = new ArrayList<>(sequence);
        all.add(TestD2a.cancellation(sequence.get(1), pathway.ordinal()));
        for (D2aStay stay : all) {
            String json = D2aMessages.buildJson(stay);
            Bundle parsed = MessageBundles.parse(json);

            assertThat(D2aFields.stay(parsed)).as(stay.event().code()).isEqualTo(stay);
            assertThat(MessageBundles.event(parsed)).contains(stay.event());
            assertThat(D2aMessages.buildJson(D2aFields.stay(parsed))).as("same facts, same bytes").isEqualTo(json);
            assertThat(errors(parsed)).as(stay.event().code()).isEmpty();
        }
        assertThat(sequence.get(sequence.size() - 1).pathway()).isEqualTo(pathway);
    }

    @ParameterizedTest
    @EnumSource(value = SeamlessEvent.class, names = {"D2A_ACKNOWLEDGEMENT", "D2A_ASSESSMENT_OUTCOME",
            "D2A_CARE_IN_PLACE", "D2A_CARE_ARRANGED"})
    void everyCouncilEventRoundTripsAndValidates(SeamlessEvent event) {
        D2aStay referral = TestD2a.sequence(9, D2aCodes.Pathway.P1, NHS, "RR8", "LS1 4AP").get(1);
        D2aAnswer answer = TestD2a.answer(event, referral, "leeds-la", 9);

        Bundle parsed = MessageBundles.parse(D2aMessages.buildJson(answer));

        assertThat(D2aFields.answer(parsed)).isEqualTo(answer);
        assertThat(errors(parsed)).as(event.code()).isEmpty();
    }

    @Test
    void careInPlaceNamesTheProviderByAgencyIdAndThePackageByTheCouncilsId() {
        D2aStay admission = TestD2a.admission(4, NHS, "RR8", "LS1 4AP");
        D2aAnswer inPlace = TestD2a.answer(SeamlessEvent.D2A_CARE_IN_PLACE, admission, "leeds-la", 4);

        D2aAnswer read = D2aFields.answer(D2aMessages.build(inPlace));

        assertThat(read.providerAgencyId()).isEqualTo("demo-homecare");
        assertThat(read.packageId()).isEqualTo("PKG-4");
        assertThat(read.referralId()).as("an admission has no referral yet").isNull();
        assertThat(read.inReplyTo()).isEqualTo(admission.messageId());
    }

    @Test
    void eachEventDemandsItsOwnFacts() {
        D2aStay admission = TestD2a.admission(5, NHS, "RR8", "LS1 4AP");
        assertThatThrownBy(() -> admission.toBuilder().next(TestD2a.id(5, "x"), SeamlessEvent.D2A_DISCHARGED,
                admission.sentAt()).build()).hasMessageContaining("dischargedAt");
        assertThatThrownBy(() -> admission.toBuilder().next(TestD2a.id(5, "y"), SeamlessEvent.D2A_REFERRAL,
                admission.sentAt()).build()).hasMessageContaining("referralId");
        assertThatThrownBy(() -> admission.toBuilder().next(TestD2a.id(5, "z"), SeamlessEvent.ADMISSION_NOTICE,
                admission.sentAt()).build()).hasMessageContaining("not a discharge to assess event");
        assertThat(admission.toString()).doesNotContain(NHS).doesNotContain("Testperson");
    }

    @Test
    void anUnknownPathwayCodeIsRefusedByNameNotValue() {
        D2aStay referral = TestD2a.sequence(6, D2aCodes.Pathway.P2, NHS, "RR8", "LS1 4AP").get(1);
        Bundle bundle = D2aMessages.build(referral);
        MessageBundles.first(bundle, org.hl7.fhir.r4.model.ServiceRequest.class).orElseThrow().getCode()
                .getCodingFirstRep().setCode("7");

        assertThatThrownBy(() -> D2aFields.stay(bundle)).hasMessageContaining("pathway code");
        assertThat(errors(bundle)).isNotEmpty();
    }

    @Test
    void theUprnTravelsAsTheUkCoreAddressKey() {
        D2aStay admission = TestD2a.admission(7, NHS, "RR8", "LS1 4AP");
        assertThat(D2aFields.uprn(MessageBundles.patient(D2aMessages.build(admission)).orElseThrow()))
                .contains(admission.uprn());
    }

    private static List<SingleValidationMessage> errors(Bundle bundle) {
        List<SingleValidationMessage> errors = UkCoreValidation.validate(bundle).getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .toList();
        errors.forEach(m -> System.out.println("[validator] " + m.getLocationString() + " " + m.getMessage()));
        return errors;
    }
}
