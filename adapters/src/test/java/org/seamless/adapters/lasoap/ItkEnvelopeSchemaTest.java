package org.seamless.adapters.lasoap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.xml.XMLConstants;
import javax.xml.transform.dom.DOMSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.seamless.adapters.lasoap.itk.DistributionEnvelopeType;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.itk.ItkAddresses;
import org.seamless.mappings.itk.ItkEnvelope;
import org.seamless.mappings.itk.ItkEnvelopeReader;
import org.seamless.mappings.itk.ItkEnvelopeXml;
import org.seamless.mappings.itk.ItkTrackingIds;
import org.seamless.mappings.itk.NoticeEnvelopes;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.mappings.testdata.TestNotices;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;

/** The mapping's envelopes are valid against the vendored ITK schema, also after the JAXB round trip the client makes. */
class ItkEnvelopeSchemaTest {
    private static final Schema SCHEMA = schema();

    @Test
    void everyNoticeEventGivesASchemaValidEnvelope() throws Exception {
        for (SeamlessEvent event : new SeamlessEvent[] {SeamlessEvent.ADMISSION_NOTICE, SeamlessEvent.ASSESSMENT_NOTICE,
                SeamlessEvent.DISCHARGE_NOTICE, SeamlessEvent.WITHDRAWAL_NOTICE}) {
            TestNotices.Notice notice = TestNotices.notice(event, 31);
            Document doc = ItkEnvelopeXml.toDocument(NoticeEnvelopes.envelope(notice.bundle(),
                    ItkAddresses.agency("DEMO3", "demo-la-soap"), "demo-trust", 0));
            SCHEMA.newValidator().validate(new DOMSource(doc));

            DistributionEnvelopeType jaxb = ItkJaxb.fromDocument(doc);
            assertThat(jaxb.getHeader().getTrackingid()).isEqualTo(ItkTrackingIds.of(
                    org.seamless.mappings.canonical.ScopedMessageIds.of("demo-trust", notice.messageId()), 0));
            Document again = ItkJaxb.toDocument(jaxb);
            SCHEMA.newValidator().validate(new DOMSource(again));
            ItkEnvelope back = ItkEnvelopeReader.read(again);
            assertThat(MessageBundles.messageId(NoticeEnvelopes.message(back))).contains(notice.messageId());
        }
    }

    @Test
    void lowerCaseTrackingIdIsInvalidAgainstTheSchema() {
        Document doc = ItkEnvelopeXml.toDocument(NoticeEnvelopes.envelope(TestNotices.discharge(32).bundle(), "urn:x",
                "demo-trust", 0));
        var header = (org.w3c.dom.Element) doc.getDocumentElement().getFirstChild();
        header.setAttribute("trackingid", header.getAttribute("trackingid").toLowerCase());
        assertThatThrownBy(() -> SCHEMA.newValidator().validate(new DOMSource(doc))).isInstanceOf(SAXException.class);
    }

    private static Schema schema() {
        try {
            SchemaFactory f = SchemaFactory.newDefaultInstance();
            f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file,jar");
            return f.newSchema(ItkEnvelopeSchemaTest.class.getResource("/itk/distributionEnvelope-v2-0.xsd"));
        } catch (SAXException e) {
            throw new IllegalStateException(e);
        }
    }
}
