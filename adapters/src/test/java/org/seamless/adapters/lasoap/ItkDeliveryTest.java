package org.seamless.adapters.lasoap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.mappings.itk.ItkTrackingIds;
import org.seamless.mappings.testdata.TestNotices;

/** How the sink classifies what an ITK endpoint does: accepted, business fault, or a failure to retry. */
class ItkDeliveryTest {
    private static final String FAULT = """
            <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault>
            <faultcode>soap:Client</faultcode><faultstring>Notice refused for %1$s</faultstring><detail>
            <itk:ToolkitErrorInfo xmlns:itk="urn:nhs-itk:ns:201005"><itk:ErrorID>5C1F2A3B-0000-4000-8000-00000000000A</itk:ErrorID>
            <itk:ErrorCode codeSystem="2.16.840.1.113883.2.1.3.2.4.17.268">2500</itk:ErrorCode>
            <itk:ErrorText>%1$s is not known to this council</itk:ErrorText></itk:ToolkitErrorInfo></detail>
            </soap:Fault></soap:Body></soap:Envelope>""";
    private static final String SERVER_FAULT = """
            <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault>
            <faultcode>soap:Server</faultcode><faultstring>database down while storing %s</faultstring>
            </soap:Fault></soap:Body></soap:Envelope>""";

    private final SoapTestFixtures.RecordingJournal journal = new SoapTestFixtures.RecordingJournal();
    private final TestNotices.Notice notice = TestNotices.discharge(21);
    private final String family = notice.details().familyName();
    private CannedSoapServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void acceptedEnvelopeIsRecordedAsDeliveredWithItsTrackingId() throws Exception {
        server = CannedSoapServer.http().answer(200, SoapTestFixtures.RESPONSE);

        delivery(server.url("http"), Map.of()).deliver(SoapTestFixtures.exchange(notice, 2));

        String tracking = ItkTrackingIds.of(
                org.seamless.mappings.canonical.ScopedMessageIds.of(SoapTestFixtures.SOURCE, notice.messageId()), 2);
        assertThat(journal.entries).containsExactly("DELIVERED la-soap-x " + notice.messageId()
                + " g2 accepted by the LA's ITK endpoint, tracking id " + tracking);
        CannedSoapServer.Request request = server.requests().get(0);
        assertThat(request.soapAction()).contains("urn:nhs-itk:services:201005:sendRecvDistEnvelope");
        assertThat(request.body()).contains("trackingid=\"" + tracking + "\"")
                .contains("urn:nhs-uk:addressing:ods:LAX01").contains("application/fhir+xml")
                .contains(notice.messageId());
    }

    @Test
    void itkBusinessFaultIsRecordedAsRefusedWithoutTheLasText() throws Exception {
        server = CannedSoapServer.http().answer(500, FAULT.formatted(family));

        delivery(server.url("http"), Map.of()).deliver(SoapTestFixtures.exchange(notice, 0));

        assertThat(journal.entries).singleElement().asString().startsWith("REFUSED la-soap-x " + notice.messageId())
                .contains("ITK error code 2500").contains("5C1F2A3B-0000-4000-8000-00000000000A")
                .doesNotContain(family);
    }

    @Test
    void unavailableServiceIsThrownForRetry() throws Exception {
        server = CannedSoapServer.http().answer(503, "<html>maintenance</html>");
        assertRetried(server.url("http"), Map.of());
        assertThatThrownBy(() -> delivery(server.url("http"), Map.of()).deliver(SoapTestFixtures.exchange(notice, 0)))
                .hasMessageContaining("HTTP 503");
    }

    @Test
    void soapFaultThatIsNotAnItkFaultIsThrownWithoutItsText() throws Exception {
        server = CannedSoapServer.http().answer(500, SERVER_FAULT.formatted(family));
        assertThatThrownBy(() -> delivery(server.url("http"), Map.of()).deliver(SoapTestFixtures.exchange(notice, 0)))
                .isInstanceOf(ItkTransportException.class).hasMessageContaining("code Server")
                .hasMessageNotContaining(family).hasNoCause();
        assertThat(journal.entries).isEmpty();
    }

    @Test
    void refusedConnectionIsThrownForRetry() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertRetried("http://127.0.0.1:" + port + "/itk", Map.of());
    }

    @Test
    void slowEndpointTimesOutAndIsThrownForRetry() throws Exception {
        server = CannedSoapServer.http().answer(200, SoapTestFixtures.RESPONSE).hold();
        assertRetried(server.url("http"), Map.of(LaSoapAdapterType.TIMEOUT_MS, "300"));
    }

    @Test
    void endpointPlaceholdersAreResolvedAtFirstSend() throws Exception {
        server = CannedSoapServer.http().answer(200, SoapTestFixtures.RESPONSE);
        String url = server.url("http");
        AgencyConfig agency = SoapTestFixtures.agency("{{la.url}}", Map.of());
        ItkPort port = new ItkPort(ItkClientSettings.of(agency), s -> s.replace("{{la.url}}", url));

        new ItkDelivery(agency, port, journal).deliver(SoapTestFixtures.exchange(notice, 0));

        assertThat(server.requests()).hasSize(1);
    }

    private void assertRetried(String url, Map<String, String> params) {
        assertThatThrownBy(() -> delivery(url, params).deliver(SoapTestFixtures.exchange(notice, 0)))
                .isInstanceOf(ItkTransportException.class).hasMessageContaining("it waits for the case system")
                .hasMessageNotContaining(family);
        assertThat(journal.entries).isEmpty();
    }

    private ItkDelivery delivery(String url, Map<String, String> params) {
        AgencyConfig agency = SoapTestFixtures.agency(url, params);
        return new ItkDelivery(agency, new ItkPort(ItkClientSettings.of(agency), UnaryOperator.identity()), journal);
    }
}
