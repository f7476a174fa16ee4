package org.seamless.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DocumentReference;
import org.junit.jupiter.api.Test;
import org.seamless.ledger.subjectaccess.SubjectAccessBundle;
import org.seamless.mappings.canonical.Digests;
import org.seamless.mappings.canonical.FhirContexts;
import org.seamless.mappings.consent.ConsentMessages;
import org.seamless.mappings.testdata.TestNotices;
import org.seamless.privacy.identify.Subject;
import org.seamless.privacy.ledger.LedgerVerifier;
import org.seamless.privacy.record.SubjectIndex;
import org.seamless.testsupport.SeamlessTestBase;
import org.seamless.testsupport.TestEnvironment;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.seamless.testsupport.SharedContext;

/**
 * Issue 21's acceptance for subject access: for a generated person with a consent, a consented
 * referral, a statutory notice and a withdrawal (so releases, acknowledgements, a recall and a routing
 * reason), the IG lead's export holds every ledger entry about the person exactly once and nothing
 * else (1:1 by ledger sequence number, in chain order), every consent record, the messages still kept;
 * the PDF names the same entries; the export itself becomes a ledger entry with the Bundle's digest;
 * nobody but an IG lead may make one; the ledger still verifies.
 */
@SharedContext
class SubjectAccessIT extends SeamlessTestBase {
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    SubjectIndex index;
    @Autowired
    LedgerVerifier verifier;
    @Autowired
    org.seamless.privacy.keys.FieldCipher atRest;

    @Test
    void theExportMatchesTheLedgerOneToOneAndIsItselfRecorded() throws Exception {
        TestNotices.Notice person = TestNotices.discharge(7501);
        String nhs = person.details().nhsNumber().value();
        String subject = index.indexOf(Subject.identified(person.details().nhsNumber()));
        String trust = ENV.apiKey(TestEnvironment.TRUST);
        String ref = "sar-" + UUID.randomUUID();
        String registryRef = ConsentMessages.referenceFor(TestEnvironment.TRUST, ref);
        assertThat(post("/api/v1/consents", trust, """
                {"nhsNumber": "%s", "decision": "consent", "purpose": "referral", "recipient": {"agency": "%s"},
                 "start": "2024-01-01", "end": null, "reference": "%s"}""".formatted(nhs, TestEnvironment.CHARITY, ref))
                .statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(90)).until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM consent_record"
                + " WHERE reference = ?", Integer.class, registryRef) == 1);
        String referral = RecallITSupport.send(this::postMessage, trust, person, "referral");
        assertThat(postMessage(trust, "application/fhir+json", person.json()).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(90)).until(() -> count(subject, "ACKNOWLEDGEMENT") >= 2);
        assertThat(post("/api/v1/consents/" + ref + "/withdrawal", trust, "").statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(90)).until(() -> count(subject, "RECALL") == 1
                && count(subject, "ACKNOWLEDGEMENT") >= 3);

        List<Long> ledger = jdbc.queryForList("SELECT seq FROM ledger_entry WHERE subject_index = ? ORDER BY seq",
                Long.class, subject);
        HttpResponse<String> fhir = post("/api/ig/subject-access", ENV.token(TestEnvironment.IG_LEAD),
                "{\"nhsNumber\": \"" + nhs + "\"}");
        assertThat(fhir.statusCode()).as(fhir.body()).isEqualTo(200);
        assertThat(fhir.headers().firstValue("Content-Type")).get().asString().startsWith("application/fhir+json");
        Bundle export = FhirContexts.r4().newJsonParser().parseResource(Bundle.class, fhir.body());

        // 1:1 with the ledger, as it stood when the export was made
        assertThat(SubjectAccessBundle.ledgerSeqs(export)).containsExactlyElementsOf(ledger);
        assertThat(ledger).hasSizeGreaterThanOrEqualTo(8);
        int consents = jdbc.queryForObject("SELECT COUNT(*) FROM consent_record WHERE nhs_index = ?", Integer.class,
                atRest.index(org.seamless.privacy.consent.JdbcConsentRegistry.NHS_COLUMN, nhs));
        assertThat(export.getEntry()).filteredOn(e -> e.getResource() instanceof Consent).hasSize(consents);
        assertThat(export.getEntry()).filteredOn(e -> e.getResource() instanceof DocumentReference)
                .anyMatch(e -> ((DocumentReference) e.getResource()).getMasterIdentifier().getValue().equals(referral));

        // the export is on record, with the digest of what was handed over
        String exportId = export.getIdElement().getIdPart();
        assertThat(jdbc.queryForObject("SELECT payload_digest FROM ledger_entry WHERE message_id = ? AND entry_kind ="
                + " 'SUBJECT_ACCESS' AND subject_index = ?", String.class, exportId, subject))
                .isEqualTo(Digests.sha256Hex(fhir.body()));

        // the PDF names every ledger entry, and is recorded too
        HttpResponse<byte[]> pdf = HTTP.send(request("/api/ig/subject-access?format=pdf", ENV.token(TestEnvironment.IG_LEAD),
                "{\"nhsNumber\": \"" + nhs + "\"}"), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        String text;
        try (var doc = Loader.loadPDF(pdf.body())) {
            text = new PDFTextStripper().getText(doc);
        }
        ledger.forEach(seq -> assertThat(text).contains("#" + seq + " "));
        assertThat(count(subject, "SUBJECT_ACCESS")).isEqualTo(2);

        // only an IG lead
        for (String other : List.of(ENV.token(TestEnvironment.OPERATOR), ENV.token(TestEnvironment.AUDITOR), trust)) {
            assertThat(post("/api/ig/subject-access", other, "{\"nhsNumber\": \"" + nhs + "\"}").statusCode())
                    .isIn(401, 403);
        }
        assertThat(post("/api/ig/subject-access", ENV.token(TestEnvironment.IG_LEAD), "{\"nhsNumber\": \"1234\"}")
                .statusCode()).isEqualTo(400);
        assertThat(count(subject, "SUBJECT_ACCESS")).isEqualTo(2);
        assertThat(verifier.verify(List.of()).intact()).isTrue();
    }

    private int count(String subject, String kind) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM ledger_entry WHERE subject_index = ? AND entry_kind = ?",
                Integer.class, subject, kind);
    }

    private HttpRequest request(String path, String key, String body) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("X-API-Key", key)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private HttpResponse<String> post(String path, String key, String body) throws Exception {
        return HTTP.send(request(path, key, body), HttpResponse.BodyHandlers.ofString());
    }
}
