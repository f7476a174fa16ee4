package org.seamless.mappings.itk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seamless.mappings.testdata.TestNotices;

/** The reverse parse: well-formed envelopes are read, hostile or malformed ones refused without echoing content. */
class ItkEnvelopeReaderTest {
    private static final String ENVELOPE = """
            <itk:DistributionEnvelope xmlns:itk="urn:nhs-itk:ns:201005" xmlns:f="http://hl7.org/fhir">
              <itk:header service="urn:x:svc" trackingid="%s">
                <itk:manifest count="1"><itk:manifestitem id="uuid_1" mimetype="%s"/></itk:manifest>
              </itk:header>
              <itk:payloads count="1"><itk:payload id="uuid_1">%s</itk:payload></itk:payloads>
            </itk:DistributionEnvelope>""";
    private static final String TRACKING = "1A075EC1-D8A3-5F3E-AA5F-A29D2823E39E";

    @Test
    void readsAPayloadWhoseNamespaceIsDeclaredOnAnAncestor() {
        String xml = ENVELOPE.formatted(TRACKING, "text/xml", "<f:Bundle><f:type value=\"message\"/></f:Bundle>");

        ItkEnvelope envelope = ItkEnvelopeReader.read(xml);

        assertThat(envelope.trackingId()).isEqualTo(TRACKING);
        String content = envelope.payload("text/xml").orElseThrow().content();
        assertThat(SafeXml.parse(content).getDocumentElement().getNamespaceURI()).isEqualTo("http://hl7.org/fhir");
    }

    @Test
    void refusesExternalEntities(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-VALUE");
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
                + ENVELOPE.formatted(TRACKING, "text/plain", "&x;");

        assertThatThrownBy(() -> ItkEnvelopeReader.read(xml)).isInstanceOf(ItkEnvelopeException.class)
                .hasMessageContaining("DOCTYPE").hasMessageNotContaining("TOP-SECRET");
    }

    @Test
    void refusesEntityExpansion() {
        String xml = "<!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
                + ENVELOPE.formatted(TRACKING, "text/plain", "&b;");
        assertThatThrownBy(() -> ItkEnvelopeReader.read(xml)).isInstanceOf(ItkEnvelopeException.class);
    }

    @Test
    void refusesLowerCaseTrackingIdAndMismatchedManifest() {
        assertThatThrownBy(() -> ItkEnvelopeReader.read(ENVELOPE.formatted(TRACKING.toLowerCase(), "text/plain", "x")))
                .isInstanceOf(ItkEnvelopeException.class).hasMessageContaining("upper-case");
        String mismatched = ENVELOPE.formatted(TRACKING, "text/plain", "x").replace("payload id=\"uuid_1\"",
                "payload id=\"uuid_2\"");
        assertThatThrownBy(() -> ItkEnvelopeReader.read(mismatched)).isInstanceOf(ItkEnvelopeException.class)
                .hasMessageContaining("manifest");
    }

    @Test
    void unreadableFhirPayloadIsReportedWithoutItsContent() {
        String xml = ENVELOPE.formatted(TRACKING, NoticeEnvelopes.FHIR_XML,
                "<f:Patient><f:name><f:family value=\"Smith\"/></f:name></f:Patient>");
        assertThatThrownBy(() -> NoticeEnvelopes.message(ItkEnvelopeReader.read(xml)))
                .isInstanceOf(ItkEnvelopeException.class).hasMessageNotContaining("Smith");
    }

    @Test
    void toStringHoldsNoPayload() {
        TestNotices.Notice notice = TestNotices.discharge(14);
        ItkEnvelope envelope = NoticeEnvelopes.envelope(notice.bundle(), "urn:x", 0);
        assertThat(envelope.toString()).doesNotContain(notice.details().nhsNumber().value())
                .doesNotContain(notice.details().familyName());
        assertThat(envelope.payloads().get(0).toString()).doesNotContain(notice.details().familyName());
    }
}
