package org.seamless.mappings.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.testdata.TestNotices;

class NoticeMessagesTest {

    @ParameterizedTest
    @EnumSource(value = SeamlessEvent.class, names = {"ADMISSION_NOTICE", "ASSESSMENT_NOTICE", "DISCHARGE_NOTICE", "WITHDRAWAL_NOTICE"})
    void everyNoticeEventBuildsAMessageThatPassesTheInboundCheck(SeamlessEvent event) {
        TestNotices.Notice notice = TestNotices.notice(event, 21L);
        assertThat(InboundMessageCheck.check(notice.bundle())).isEmpty();
        assertThat(InboundMessageCheck.check(notice.json())).isEmpty();
        assertThat(MessageBundles.event(notice.bundle())).contains(event);
    }

    @Test
    void dischargeNoticeShape() {
        NoticeDetails d = TestNotices.details(SeamlessEvent.DISCHARGE_NOTICE, 22L);
        Bundle bundle = NoticeMessages.build(d);

        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.MESSAGE);
        MessageHeader header = (MessageHeader) bundle.getEntry().get(0).getResource();
        assertThat(MessageBundles.idOf(header)).isEqualTo(d.messageId());
        assertThat(bundle.getEntry().get(0).getFullUrl()).isEqualTo("urn:uuid:" + d.messageId());
        assertThat(header.getSource().getEndpoint()).isEqualTo("urn:nhs-uk:addressing:ods:" + d.hospitalOdsCode());
        assertThat(MessageBundles.focus(bundle)).extracting(r -> r.fhirType()).containsExactly("Patient", "Encounter");

        Patient patient = MessageBundles.patient(bundle).orElseThrow();
        assertThat(patient.getIdentifierFirstRep().getSystem()).isEqualTo(NhsNumber.SYSTEM);
        assertThat(patient.getIdentifierFirstRep().getValue()).isEqualTo(d.nhsNumber().value());
        assertThat(patient.getIdentifierFirstRep().getExtensionByUrl(FhirUrls.NHS_NUMBER_VERIFICATION_STATUS)).isNotNull();
        assertThat(patient.getNameFirstRep().getFamily()).isEqualTo(d.familyName());
        assertThat(patient.getAddressFirstRep().getPostalCode()).isEqualTo(d.postcode());

        Encounter encounter = NoticeFields.encounter(bundle).orElseThrow();
        assertThat(NoticeFields.plannedDischargeDate(encounter)).contains(d.plannedDischargeDate());
        assertThat(NoticeFields.spellNumber(encounter)).contains(d.encounterId());
        assertThat(NoticeFields.ward(encounter)).contains(d.ward());
        assertThat(encounter.getPeriod().getStartElement().getValueAsString()).startsWith(d.admittedAt().toLocalDate().toString());
        assertThat(NoticeFields.hospital(bundle).flatMap(NoticeFields::odsCode)).contains(d.hospitalOdsCode());
        assertThat(NoticeFields.hospital(bundle).flatMap(NoticeFields::contact).orElseThrow().getName().getText())
                .isEqualTo(d.contactName());
    }

    @Test
    void sameDetailsGiveTheSameJson() {
        NoticeDetails d = TestNotices.details(SeamlessEvent.ASSESSMENT_NOTICE, 23L);
        assertThat(NoticeMessages.buildJson(d)).isEqualTo(NoticeMessages.buildJson(d));
        assertThat(NoticeMessages.buildJson(d)).isNotEqualTo(NoticeMessages.buildJson(
                d.withEvent(TestNotices.messageId(SeamlessEvent.WITHDRAWAL_NOTICE, 23L), SeamlessEvent.WITHDRAWAL_NOTICE)));
    }

    @Test
    void jsonRoundTripKeepsMessageIdAndPlannedDate() {
        TestNotices.Notice notice = TestNotices.discharge(24L);
        Bundle parsed = MessageBundles.parse(notice.json());
        assertThat(MessageBundles.messageId(parsed)).contains(notice.messageId());
        assertThat(NoticeFields.encounter(parsed).flatMap(NoticeFields::plannedDischargeDate))
                .contains(notice.details().plannedDischargeDate());
    }

    @Test
    void detailsRejectBadInputWithoutEchoingIt() {
        NoticeDetails d = TestNotices.details(SeamlessEvent.ASSESSMENT_NOTICE, 25L);
        assertThatThrownBy(() -> d.withEvent("not-a-uuid", SeamlessEvent.ASSESSMENT_NOTICE))
                .hasMessageNotContaining("not-a-uuid");
        assertThatThrownBy(() -> d.withEvent(d.messageId(), SeamlessEvent.REFERRAL))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withEvent(d.messageId(), SeamlessEvent.DISCHARGE_NOTICE).withPlannedDischargeDate(null))
                .hasMessageContaining("plannedDischargeDate");
        assertThat(d.withPlannedDischargeDate(LocalDate.of(2025, 4, 1)).plannedDischargeDate()).isEqualTo("2025-04-01");
    }

    @Test
    void toStringHidesPersonalData() {
        NoticeDetails d = TestNotices.details(SeamlessEvent.DISCHARGE_NOTICE, 26L);
        assertThat(d.toString()).contains(d.messageId())
                .doesNotContain(d.nhsNumber().value(), d.familyName(), d.postcode(), d.phone(), d.givenName());
    }
}
