package org.seamless.adapters.lasoap;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.seamless.adapters.registry.AdapterConfig;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.registry.BrokerAddresses;
import org.seamless.adapters.spi.DeliveryJournal;
import org.seamless.mappings.canonical.AgencyKind;
import org.seamless.mappings.canonical.BrokerHeaders;
import org.seamless.mappings.testdata.TestNotices;

/** Agencies, journals and exchanges for the la-soap tests. */
final class SoapTestFixtures {
    static final String RESPONSE = """
            <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>
            <itk:DistributionEnvelope xmlns:itk="urn:nhs-itk:ns:201005"><itk:header service="urn:x:response"
             trackingid="0C1D2E3F-4A5B-5C6D-8E7F-8091A2B3C4D5"><itk:manifest count="1"><itk:manifestitem id="uuid_R"
             mimetype="text/xml"/></itk:manifest></itk:header><itk:payloads count="1"><itk:payload id="uuid_R">
            <itk:SimpleMessageResponse>OK</itk:SimpleMessageResponse></itk:payload></itk:payloads>
            </itk:DistributionEnvelope></soap:Body></soap:Envelope>""";

    private SoapTestFixtures() {
    }

    static AgencyConfig agency(String endpoint, Map<String, String> more) {
        Map<String, String> params = new java.util.HashMap<>(more);
        params.put(LaSoapAdapterType.ENDPOINT, endpoint);
        params.putIfAbsent(LaSoapAdapterType.TIMEOUT_MS, "5000");
        return new AgencyConfig("la-soap-x", "LA", AgencyKind.LOCAL_AUTHORITY, "LAX01", Optional.empty(),
                new AdapterConfig(LaSoapAdapterType.NAME, params), BrokerAddresses.conventional("la-soap-x"), List.of());
    }

    /** The agency the test notices come from. */
    static final String SOURCE = "demo-trust";

    static Exchange exchange(TestNotices.Notice notice, int generation) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setBody(notice.json());
        exchange.getMessage().setHeader(BrokerHeaders.MESSAGE_ID, notice.messageId());
        exchange.getMessage().setHeader(BrokerHeaders.SOURCE_AGENCY, SOURCE);
        exchange.getMessage().setHeader(BrokerHeaders.REPLAY_GENERATION, generation);
        return exchange;
    }

    /** Remembers what a sink reported. */
    static final class RecordingJournal implements DeliveryJournal {
        final List<String> entries = new ArrayList<>();

        @Override
        public void delivered(String recipient, String source, String messageId, int generation, String detail) {
            entries.add("DELIVERED " + recipient + " " + messageId + " g" + generation + " " + detail);
        }

        @Override
        public void refused(String recipient, String source, String messageId, int generation, String reason) {
            entries.add("REFUSED " + recipient + " " + messageId + " g" + generation + " " + reason);
        }
    }
}
