package org.seamless.mappings.itk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MessageHeader;
import org.junit.jupiter.api.Test;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.mappings.testdata.TestNotices;

class NoticeEnvelopesTest {
    private static final String LA = ItkAddresses.agency("DEMO3", "demo-la-soap");

    @Test
    void headerCarriesServiceTrackingIdAndAddresses() {
        TestNotices.Notice notice = TestNotices.discharge(11);

        ItkEnvelope envelope = NoticeEnvelopes.envelope(notice.bundle(), LA, 1);

        assertThat(envelope.service()).isEqualTo("urn:seamless:itk:services:discharge-notice-v1");
        assertThat(envelope.trackingId()).isEqualTo(ItkTrackingIds.of(notice.messageId(), 1))
                .isNotEqualTo(NoticeEnvelopes.envelope(notice.bundle(), LA, 0).trackingId());
        assertThat(envelope.recipientAddresses()).containsExactly("urn:nhs-uk:addressing:ods:DEMO3");
        assertThat(envelope.senderAddress()).isEqualTo("urn:nhs-uk:addressing:ods:" + TestNotices.HOSPITAL_ODS);
        assertThat(envelope.auditIdentity()).isEqualTo("urn:nhs-uk:identity:ods:" + TestNotices.HOSPITAL_ODS);
        assertThat(envelope.payloads()).singleElement().satisfies(p -> {
            assertThat(p.mimeType()).isEqualTo(NoticeEnvelopes.FHIR_XML);
            assertThat(p.id()).startsWith("uuid_");
        });
    }

    @Test
    void messageSurvivesTheEnvelopeAsXml() {
        for (SeamlessEvent event : new SeamlessEvent[] {SeamlessEvent.ADMISSION_NOTICE, SeamlessEvent.DISCHARGE_NOTICE}) {
            TestNotices.Notice notice = TestNotices.notice(event, 12);
            // parsed from JSON, as the sink receives it
            Bundle received = MessageBundles.parse(notice.json());

            String xml = ItkEnvelopeXml.write(NoticeEnvelopes.envelope(received, LA, 0));
            Bundle back = NoticeEnvelopes.message(ItkEnvelopeReader.read(xml));

            MessageHeader header = MessageBundles.header(back).orElseThrow();
            assertThat(MessageBundles.idOf(header)).isEqualTo(notice.messageId());
            assertThat(MessageBundles.event(back)).contains(event);
            assertThat(xml).contains("<id value=\"" + notice.messageId() + "\"/>");
            assertThat(MessageBundles.toJson(back)).isEqualTo(MessageBundles.toJson(received));
        }
    }

    @Test
    void senderFallsBackToTheSenderOrganisationsOdsCode() {
        Bundle bundle = TestNotices.discharge(13).bundle();
        MessageBundles.header(bundle).orElseThrow().getSource().setEndpoint("https://trust.example/fhir");

        ItkEnvelope envelope = NoticeEnvelopes.envelope(bundle, LA, 0);

        assertThat(envelope.senderAddress()).isEqualTo("urn:nhs-uk:addressing:ods:" + TestNotices.HOSPITAL_ODS);
    }

    @Test
    void agencyWithoutOdsCodeIsAddressedByItsId() {
        assertThat(ItkAddresses.agency("", "la-x")).isEqualTo("urn:seamless:addressing:agency:la-x");
    }

    @Test
    void messageWithoutHeaderIsRefused() {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.MESSAGE);
        assertThatThrownBy(() -> NoticeEnvelopes.envelope(bundle, LA, 0)).isInstanceOf(ItkEnvelopeException.class);
    }
}
