package org.seamless.ops.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.MessageHeader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.seamless.mappings.canonical.FhirContexts;
import org.seamless.mappings.testdata.TestNhsNumbers;
import org.seamless.mappings.testdata.TestNotices;
import org.seamless.testsupport.SeamlessTestBase;
import org.seamless.testsupport.TestEnvironment;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The bad-input corpus at the FHIR edge: each class of wrong input gets its specific answer (status
 * and the problem named in the OperationOutcome), is kept in quarantine, reaches no local
 * authority, leaks nothing from the host (XXE) and leaves the process healthy. The JSON API, CSV
 * and SOAP edges have their own corpus tests (docs/operations.md lists them).
 */
class BadInputCorpusIT extends SeamlessTestBase {
    private static final String FHIR_JSON = "application/fhir+json";
    private static final String FHIR_XML = "application/fhir+xml";

    @Autowired
    JdbcTemplate jdbc;

    static Stream<Arguments> corpus() {
        TestNotices.Notice base = TestNotices.discharge(9901);
        String badNumber = TestNhsNumbers.badCheckDigit(new java.util.Random(99));

        Bundle noEncounter = TestNotices.discharge(9902).bundle().copy();
        noEncounter.getEntry().removeIf(e -> e.getResource() instanceof Encounter);
        ((MessageHeader) noEncounter.getEntryFirstRep().getResource()).getFocus()
                .removeIf(r -> r.getReference() != null && r.getReference().contains("Encounter"));

        Bundle wrongEvent = TestNotices.discharge(9903).bundle().copy();
        ((MessageHeader) wrongEvent.getEntryFirstRep().getResource()).getEventCoding().setCode("no-such-event");

        Bundle notAMessage = TestNotices.discharge(9904).bundle().copy();
        notAMessage.setType(Bundle.BundleType.COLLECTION);

        String latin1 = TestNotices.discharge(9905).json().replace("\"family\": \"", "\"family\": \"Bront\u00eb-");
        String xml = FhirContexts.r4().newXmlParser().encodeResourceToString(TestNotices.discharge(9906).bundle());
        String xxe = xml.replaceFirst("<Bundle", "<!DOCTYPE Bundle [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><Bundle")
                .replaceFirst("<type value=\"message\"/>", "<type value=\"message\"/><language value=\"&xxe;\"/>");
        String laughs = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
                + "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
                + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">"
                + "<!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">]>"
                + "<Bundle xmlns=\"http://hl7.org/fhir\"><type value=\"&lol4;\"/></Bundle>";
        TestNotices.Notice idNotice = TestNotices.discharge(9908);
        Bundle personalId = idNotice.bundle().copy();
        String personalIdValue = "00000000-0000-4000-8000-00" + idNotice.details().nhsNumber().value();
        personalId.getEntryFirstRep().setFullUrl("urn:uuid:" + personalIdValue);
        personalId.getEntryFirstRep().getResource().setId(personalIdValue);
        String oversize = base.json().replaceFirst("\\{", "{\"id\": \"" + "x".repeat(1_100_000) + "\",");

        return Stream.of(
                Arguments.of("invalid NHS number", FHIR_JSON,
                        base.json().replace(base.details().nhsNumber().value(), badNumber).getBytes(StandardCharsets.UTF_8),
                        400, "Modulus 11"),
                Arguments.of("missing Encounter", FHIR_JSON, json(noEncounter), 400, "Encounter"),
                Arguments.of("wrong event", FHIR_JSON, json(wrongEvent), 400, "event"),
                Arguments.of("Bundle that is not a message", FHIR_JSON, json(notAMessage), 400, "message"),
                Arguments.of("malformed JSON", FHIR_JSON, "{\"resourceType\": \"Bundle\", \"type\": "
                        .getBytes(StandardCharsets.UTF_8), 400, "\"issue\""),
                Arguments.of("malformed XML", FHIR_XML, "<Bundle xmlns=\"http://hl7.org/fhir\"><type value=\"message\">"
                        .getBytes(StandardCharsets.UTF_8), 400, "not a valid FHIR R4 XML"),
                Arguments.of("wrong type (a number where text belongs)", FHIR_JSON, TestNotices.discharge(9907).json()
                        .replaceFirst("\"type\": \"message\"", "\"type\": 42").getBytes(StandardCharsets.UTF_8), 400,
                        "\"issue\""),
                Arguments.of("wrong encoding (Latin-1 sent as UTF-8)", FHIR_JSON, latin1.getBytes(StandardCharsets.ISO_8859_1),
                        400, "UTF-8"),
                Arguments.of("external entity (XXE)", FHIR_XML, xxe.getBytes(StandardCharsets.UTF_8), 400, "DOCTYPE"),
                Arguments.of("entity expansion", FHIR_XML, laughs.getBytes(StandardCharsets.UTF_8), 400, "DOCTYPE"),
                Arguments.of("message id holding the patient's NHS number", FHIR_JSON, json(personalId), 400,
                        "message id holds"),
                Arguments.of("oversize body", FHIR_JSON, oversize.getBytes(StandardCharsets.UTF_8), 413, "exceeds"));
    }

    private static byte[] json(Bundle b) {
        return FhirContexts.r4().newJsonParser().encodeResourceToString(b).getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void eachBadInputGetsItsSpecificAnswerIsKeptAndReachesNoOne(String name, String contentType, byte[] body,
                                                                 int status, String named) throws Exception {
        int keptBefore = jdbc.queryForObject("SELECT COUNT(*) FROM quarantine", Integer.class);
        HttpResponse<String> resp = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/fhir/$process-message"))
                .timeout(Duration.ofSeconds(120))
                .header("Content-Type", contentType + ";charset=UTF-8")
                .header("Accept", "application/fhir+json")
                .header("X-API-Key", ENV.apiKey(TestEnvironment.TRUST))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(resp.statusCode()).as(name).isEqualTo(status);
        assertThat(resp.body()).as(name).contains("OperationOutcome").contains(named).containsAnyOf("\"issue\"", "<issue>")
                .doesNotContain("root:").doesNotContain("/bin/");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM quarantine", Integer.class)).as(name + " kept")
                .isEqualTo(keptBefore + 1);
        assertThat(outboxFiles()).as(name + ": nothing reached a local authority").isZero();
        HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/actuator/health")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.body()).startsWith("{\"status\":\"UP\"");
    }

    private long outboxFiles() throws Exception {
        Path outbox = ENV.outbox(TestEnvironment.LA_CSV);
        if (!Files.isDirectory(outbox)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(outbox)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".csv")).count();
        }
    }
}
