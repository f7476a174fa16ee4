package org.seamless.hub.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import jakarta.xml.ws.Holder;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.hl7.fhir.r4.model.Flag;
import org.junit.jupiter.api.Test;
import org.seamless.adapters.lasoap.ItkAlertService;
import org.seamless.adapters.lasoap.ItkJaxb;
import org.seamless.adapters.lasoap.itk.DistributionEnvelopeType;
import org.seamless.adapters.lasoap.itk.FaultResponse;
import org.seamless.adapters.lasoap.itk.ITKServiceSendRecv1;
import org.seamless.app.demo.fhir.DemoTrustFlags;
import org.seamless.mappings.alert.AlertType;
import org.seamless.mappings.alert.SocialCareAlert;
import org.seamless.mappings.alert.SocialCareAlertXml;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.itk.ItkEnvelope;
import org.seamless.mappings.itk.ItkEnvelopeXml;
import org.seamless.mappings.itk.SafeXml;
import org.seamless.mappings.testdata.TestNhsNumbers;
import org.seamless.testsupport.SeamlessTestBase;
import org.seamless.testsupport.TestEnvironment;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.seamless.testsupport.SharedContext;
import org.seamless.testsupport.ItkClients;

/**
 * An LA's case system submits social care alerts one per ITK call to /soap/itk/alerts with a CXF
 * client generated from the WSDL and the la-soap LA's API key: the alert becomes a UK Core Flag on
 * the demo trust's FHIR server (the trust subscribes to demo-la-soap alerts), a resent call is
 * acknowledged without a second message, an end date ends the Flag, a bad NHS number gets a
 * specific ITK fault and is kept in quarantine, and a call without credentials gets HTTP 401.
 */
@SharedContext
class SoapAlertSubmissionIT extends SeamlessTestBase {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String SENDER = "urn:nhs-uk:addressing:ods:TST03";

    @Autowired
    DemoTrustFlags trustFlags;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void anAlertBecomesAFlagOnceAndItsEndEndsIt() throws Exception {
        NhsNumber nhs = TestNhsNumbers.random(new Random(2601));
        LocalDate start = LocalDate.now().minusDays(30);
        SocialCareAlert alert = alert("SOAP-CP-1", nhs, start, null, false);
        ITKServiceSendRecv1 la = ItkClients.alerts(port, ENV.apiKey(TestEnvironment.LA_SOAP));

        int before = receipts();
        Holder<DistributionEnvelopeType> call = call(alert);
        la.sendRecvMessage(call);
        assertThat(ItkJaxb.toDocument(call.value).getDocumentElement().getTextContent()).contains("OK");

        String identifier = TestEnvironment.LA_SOAP + "/SOAP-CP-1";
        Flag flag = awaitFlag(identifier, Flag.FlagStatus.ACTIVE);
        assertThat(flag.getSubject().getIdentifier().getValue()).isEqualTo(nhs.value());
        assertThat(flag.getCode().getCoding()).anySatisfy(c -> assertThat(c.getCode()).isEqualTo("342191000000101"));
        assertThat(receipts()).isEqualTo(before + 1);
        String firstId = storedMessageId(identifier);
        assertThat(event(firstId)).isEqualTo("alert-update");

        // the same call again (a retry after a lost reply): acknowledged, no second message, no new Flag version
        long writes = trustFlags.writes();
        long versions = trustFlags.versionsCreated();
        Holder<DistributionEnvelopeType> again = call(alert);
        la.sendRecvMessage(again);
        assertThat(ItkJaxb.toDocument(again.value).getDocumentElement().getTextContent()).contains("OK");
        assertThat(receipts()).isEqualTo(before + 1);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(20))
                .until(() -> trustFlags.writes() == writes && trustFlags.versionsCreated() == versions);
        assertThat(trustFlags.all().stream().filter(f -> f.getIdentifier().stream()
                .anyMatch(i -> identifier.equals(i.getValue())))).hasSize(1);

        // the plan ends: an alert-end that end-dates the same Flag
        LocalDate end = LocalDate.now().minusDays(1);
        la.sendRecvMessage(call(alert("SOAP-CP-1", nhs, start, end, false)));
        Flag ended = awaitFlag(identifier, Flag.FlagStatus.INACTIVE);
        assertThat(ended.getPeriod().getEndElement().getValueAsString()).startsWith(end.toString());
        assertThat(receipts()).isEqualTo(before + 2);
        String endId = storedMessageId(identifier);
        assertThat(endId).isNotEqualTo(firstId);
        assertThat(event(endId)).isEqualTo("alert-end");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM alert_flag WHERE flag_identifier = ? AND active = FALSE",
                Integer.class, identifier)).isEqualTo(1);
    }

    @Test
    void aBadNhsNumberGetsASpecificFaultAndIsKept() {
        NhsNumber valid = TestNhsNumbers.random(new Random(2602));
        String wrongCheckDigit = valid.value().substring(0, 9) + ((valid.value().charAt(9) - '0' + 1) % 10);
        SocialCareAlert good = alert("SOAP-CP-2", valid, LocalDate.now().minusDays(3), null, false);
        String payload = SocialCareAlertXml.write(good).replace(valid.value(), wrongCheckDigit);
        ItkEnvelope env = SocialCareAlertXml.envelope(good, SENDER);
        ItkEnvelope bad = new ItkEnvelope(env.trackingId(), env.service(), env.senderAddress(),
                env.recipientAddresses(), null, env.handling(), List.of(new ItkEnvelope.Payload(
                env.payloads().get(0).id(), "text/xml", null, payload)));
        Holder<DistributionEnvelopeType> call = new Holder<>(ItkJaxb.fromDocument(ItkEnvelopeXml.toDocument(bad)));

        assertThatThrownBy(() -> ItkClients.alerts(port, ENV.apiKey(TestEnvironment.LA_SOAP)).sendRecvMessage(call))
                .isInstanceOfSatisfying(FaultResponse.class, f -> {
                    assertThat(f.getFaultInfo().getErrorCode().getValue()).isEqualTo(ItkAlertService.INVALID_ALERT);
                    assertThat(f.getFaultInfo().getErrorText()).startsWith("invalid-nhs-number:")
                            .contains("nhsNumber", "kept as").doesNotContain(wrongCheckDigit);
                });
        List<Map<String, Object>> kept = jdbc.queryForList("SELECT reason_code, source_agency FROM quarantine"
                + " WHERE edge = 'la-soap-alerts'");
        assertThat(kept).anySatisfy(r -> {
            assertThat(r.get("reason_code")).isEqualTo("invalid-nhs-number");
            assertThat(r.get("source_agency")).isEqualTo(TestEnvironment.LA_SOAP);
        });
        assertThat(trustFlags.findByIdentifier(SocialCareAlert.IDENTIFIER_SYSTEM, TestEnvironment.LA_SOAP + "/SOAP-CP-2"))
                .isEmpty();
    }

    @Test
    void aCallWithoutCredentialsOrFromANonSoapAgencyIsRefusedWith401() throws Exception {
        SocialCareAlert a = alert("SOAP-CP-3", TestNhsNumbers.random(new Random(2603)), LocalDate.now(), null, false);
        String body = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"
                + SafeXml.write(ItkEnvelopeXml.toDocument(SocialCareAlertXml.envelope(a, SENDER)).getDocumentElement(),
                false, false) + "</soap:Body></soap:Envelope>";
        assertThat(soapPost(body, null).statusCode()).isEqualTo(401);
        assertThat(soapPost(body, ENV.apiKey(TestEnvironment.LA_CSV)).statusCode()).isEqualTo(401);
        HttpResponse<String> ok = soapPost(body, ENV.apiKey(TestEnvironment.LA_SOAP));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).doesNotContain(a.nhsNumber().value());
    }

    // --- helpers -------------------------------------------------------------------------------

    private static SocialCareAlert alert(String id, NhsNumber nhs, LocalDate start, LocalDate end, boolean deleted) {
        // the owner fields are ignored by the payload: the service takes them from the authenticated agency
        return new SocialCareAlert("ignored", null, null, id, nhs, AlertType.CHILD_PROTECTION_PLAN, start, end,
                LocalDate.now().plusMonths(3), deleted, "Children's Services North", "0113 000 0000");
    }

    private static Holder<DistributionEnvelopeType> call(SocialCareAlert a) {
        return new Holder<>(ItkJaxb.fromDocument(ItkEnvelopeXml.toDocument(SocialCareAlertXml.envelope(a, SENDER))));
    }

    private HttpResponse<String> soapPost(String body, String apiKey) throws Exception {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/soap/itk/alerts"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "text/xml; charset=UTF-8")
                .header("SOAPAction", "\"urn:nhs-itk:services:201005:sendRecvDistEnvelope\"")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (apiKey != null) {
            req.header("X-API-Key", apiKey);
        }
        return HTTP.send(req.build(), HttpResponse.BodyHandlers.ofString());
    }

    private int receipts() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM inbound_receipt WHERE source_agency = ?", Integer.class,
                TestEnvironment.LA_SOAP);
    }

    private Flag awaitFlag(String identifier, Flag.FlagStatus status) {
        return await().atMost(WAIT).until(() -> trustFlags.findByIdentifier(SocialCareAlert.IDENTIFIER_SYSTEM, identifier),
                f -> f.map(x -> x.getStatus() == status).orElse(false)).orElseThrow();
    }

    private String storedMessageId(String identifier) {
        return jdbc.queryForObject("SELECT message_id FROM alert_flag WHERE flag_identifier = ?", String.class, identifier);
    }

    private String event(String messageId) {
        return jdbc.queryForObject("SELECT event_code FROM inbound_receipt WHERE source_agency = ? AND message_id = ?",
                String.class, TestEnvironment.LA_SOAP, messageId);
    }
}
