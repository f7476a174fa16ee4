package org.seamless.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.seamless.mappings.canonical.FhirContexts;
import org.seamless.mappings.testdata.TestNhsNumbers;
import org.seamless.mappings.testdata.TestNotices;
import org.seamless.privacy.ledger.AuditEvents;
import org.seamless.testsupport.SeamlessTestBase;
import org.seamless.testsupport.TestEnvironment;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.seamless.testsupport.SharedContext;

/**
 * "Who has seen my data" end to end: notices for a test person are released and acknowledged; the
 * REST report, its FHIR form and the command-line report match the ledger one to one; the
 * verification command passes; and the number never reaches the logs.
 */
@ExtendWith(OutputCaptureExtension.class)
@SharedContext
class LedgerReportIT extends SeamlessTestBase {
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ApplicationContext context;
    @Autowired
    CheckpointJob checkpoints;

    @Test
    void theReportForATestPersonMatchesTheLedgerOneToOne(CapturedOutput output) throws Exception {
        TestNotices.Notice admission = TestNotices.admission(4401);
        TestNotices.Notice discharge = TestNotices.discharge(4401);
        TestNotices.Notice someoneElse = TestNotices.discharge(4402);
        String nhsNumber = admission.details().nhsNumber().value();
        assertThat(discharge.details().nhsNumber().value()).isEqualTo(nhsNumber);
        assertThat(someoneElse.details().nhsNumber().value()).isNotEqualTo(nhsNumber);
        for (TestNotices.Notice n : List.of(admission, discharge, someoneElse)) {
            assertThat(postMessage(ENV.apiKey(TestEnvironment.TRUST), "application/fhir+json", n.json()).statusCode())
                    .isEqualTo(200);
        }
        for (TestNotices.Notice n : List.of(admission, discharge, someoneElse)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> kinds(n.messageId()),
                    k -> k.containsAll(List.of("DECISION", "RELEASE", "ACKNOWLEDGEMENT")));
        }
        List<Map<String, Object>> releases = jdbc.queryForList("SELECT seq, recipient_agency, legal_basis, purpose,"
                + " data_classes FROM ledger_entry WHERE entry_kind = 'RELEASE' AND subject_index ="
                + " (SELECT subject_index FROM ledger_entry WHERE message_id = ? AND entry_kind = 'RELEASE')"
                + " ORDER BY seq", admission.messageId());
        assertThat(releases).hasSize(2);

        HttpResponse<String> json = report(ENV.igApiKey(), "", "{\"nhsNumber\": \"" + nhsNumber + "\"}");
        assertThat(json.statusCode()).isEqualTo(200);
        JsonNode lines = new ObjectMapper().readTree(json.body()).get("disclosures");
        assertThat(lines).hasSize(releases.size());
        for (int i = 0; i < releases.size(); i++) {
            JsonNode line = lines.get(i);
            Map<String, Object> row = releases.get(i);
            assertThat(line.get("ledgerSeq").asLong()).isEqualTo(((Number) row.get("seq")).longValue());
            assertThat(line.get("recipient").asText()).isEqualTo(row.get("recipient_agency"));
            assertThat(line.get("legalBasis").asText()).isEqualTo(row.get("legal_basis"));
            assertThat(line.get("purpose").asText()).isEqualTo(row.get("purpose"));
            assertThat(String.join(",", new ObjectMapper().convertValue(line.get("dataClasses"), String[].class)))
                    .isEqualTo(row.get("data_classes"));
            assertThat(line.get("acknowledgement").asText()).isEqualTo("DELIVERED");
            assertThat(line.get("date").asText()).isNotBlank();
        }
        assertThat(json.body()).doesNotContain(nhsNumber).doesNotContain(someoneElse.messageId());

        HttpResponse<String> fhir = report(ENV.igApiKey(), "?format=fhir", "{\"nhsNumber\": \"" + nhsNumber + "\"}");
        Bundle bundle = FhirContexts.r4().newJsonParser().parseResource(Bundle.class, fhir.body());
        assertThat(bundle.getEntry()).hasSize(2).allSatisfy(e -> {
            AuditEvent a = (AuditEvent) e.getResource();
            assertThat(a.getMeta().hasProfile(AuditEvents.BALP_DISCLOSURE_SOURCE)).isTrue();
            assertThat(a.getType().getCode()).isEqualTo("110106");
            assertThat(a.getSubtypeFirstRep().getCode()).isEqualTo("disclose");
            assertThat(a.getEntityFirstRep().getWhat().getIdentifier().getValue()).isEqualTo(nhsNumber);
            assertThat(a.getAgent()).extracting(ag -> ag.getWho().getIdentifier().getValue())
                    .contains((String) releases.get(0).get("recipient_agency"), TestEnvironment.TRUST);
        });

        assertThat(report("wrong-key", "", "{\"nhsNumber\": \"" + nhsNumber + "\"}").statusCode()).isEqualTo(401);
        assertThat(report(null, "", "{\"nhsNumber\": \"" + nhsNumber + "\"}").statusCode()).isEqualTo(401);
        String invalid = TestNhsNumbers.badCheckDigit(new java.util.Random(7));
        HttpResponse<String> bad = report(ENV.igApiKey(), "", "{\"nhsNumber\": \"" + invalid + "\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).doesNotContain(invalid);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = LedgerCommands.run(context, new String[] {"--seamless.command=ledger-report",
                "--nhs-number=" + nhsNumber}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(code).isZero();
        JsonNode cli = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8)).get("disclosures");
        assertThat(cli).hasSize(2);
        assertThat(cli.get(0).get("ledgerSeq").asLong()).isEqualTo(((Number) releases.get(0).get("seq")).longValue());
        assertThat(cli.get(1).get("ledgerSeq").asLong()).isEqualTo(((Number) releases.get(1).get("seq")).longValue());

        checkpoints.checkpointNow();
        ByteArrayOutputStream verify = new ByteArrayOutputStream();
        assertThat(LedgerCommands.run(context, new String[] {"--seamless.command=ledger-verify"},
                new PrintStream(verify, true, StandardCharsets.UTF_8), System.err)).isZero();
        assertThat(verify.toString(StandardCharsets.UTF_8)).contains("ledger intact").contains("1 signed checkpoints");

        assertThat(output.getAll()).doesNotContain(nhsNumber);
    }

    private List<String> kinds(String messageId) {
        return jdbc.queryForList("SELECT entry_kind FROM ledger_entry WHERE message_id = ?", String.class, messageId);
    }

    private HttpResponse<String> report(String key, String query, String body) throws Exception {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + DisclosureReportController.PATH + query))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            req.header("X-API-Key", key);
        }
        return HTTP.send(req.build(), HttpResponse.BodyHandlers.ofString());
    }
}
