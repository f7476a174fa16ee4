package org.seamless.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.seamless.testsupport.SeamlessTestBase;
import org.seamless.testsupport.TestEnvironment;

/**
 * The request examples of the documentation run as written against the demo agencies (issue 24):
 * the FHIR discharge notice of docs/examples, the consent form of docs/privacy.md, and the referral,
 * outcome and inbox acknowledgement of the OpenAPI document and docs/flows/voluntary-sector.md, from
 * demo-charity to demo-carers-centre and back.
 */
class DocumentedExamplesIT extends SeamlessTestBase {
    static final String CARERS = "demo-carers-centre";
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path DOCS = Path.of("../docs");

    static {
        ENV.withAgencies("""
                  - id: %1$s
                    kind: voluntary-org
                    ods-code: DEMO5
                    api-key-sha256: ${key:%1$s}
                    adapter:
                      type: vcs-webhook
                      params:
                        webhook-secret: %2$s
                """.formatted(CARERS, TestEnvironment.randomSecret()), CARERS);
    }

    @Test
    void theDischargeNoticeExampleIsAccepted() throws Exception {
        HttpResponse<String> r = postMessage(ENV.apiKey(TestEnvironment.TRUST), "application/fhir+json",
                Files.readString(DOCS.resolve("examples/discharge-notice.json")));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("\"code\":\"ok\"");
    }

    @Test
    void theConsentReferralOutcomeAndAckExamplesRunAsWritten() throws Exception {
        JsonNode openapi;
        try (InputStream in = getClass().getResourceAsStream("/openapi/vcs-api.yaml")) {
            openapi = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        String guide = Files.readString(DOCS.resolve("flows/voluntary-sector.md"));
        String privacy = Files.readString(DOCS.resolve("privacy.md"));

        // the consent form of docs/privacy.md, sent by the trust for each charity of the example
        JsonNode consentForm = JSON.readTree(jsonBlockAfter(privacy, "simple form"));
        List<JsonNode> referrals = List.of(
                openapi.at("/paths/~1api~1v1~1vcs~1referrals/post/requestBody/content/application~1json/example"),
                JSON.readTree(jsonBlockAfter(guide, "### A referral you send")));
        for (JsonNode referral : referrals) {
            assertThat(referral.isObject()).isTrue();
            String nhs = referral.at("/person/nhsNumber").asText();
            String to = referral.get("to").asText();
            var consent = ((com.fasterxml.jackson.databind.node.ObjectNode) consentForm.deepCopy());
            consent.put("nhsNumber", nhs);
            for (String agency : List.of(to, TestEnvironment.CHARITY)) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) consent.get("recipient")).put("agency", agency);
                consent.put("reference", "docs-" + java.util.UUID.randomUUID());
                HttpResponse<String> c = post(TestEnvironment.TRUST, "/api/v1/consents", consent.toString());
                assertThat(c.statusCode()).as(c.body()).isEqualTo(202);
                String receipt = JSON.readTree(c.body()).get("receiptId").asText();
                await().atMost(Duration.ofSeconds(30)).until(() -> "applied".equals(JSON.readTree(
                        get(TestEnvironment.TRUST, "/api/v1/consents/receipts/" + receipt).body()).path("status").asText()));
            }

            HttpResponse<String> sent = post(TestEnvironment.CHARITY, "/api/v1/vcs/referrals", referral.toString());
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
            String referralId = JSON.readTree(sent.body()).get("referralId").asText();

            await().atMost(Duration.ofSeconds(30)).until(() -> get(to, "/api/v1/vcs/inbox").body().contains(referralId));
            JsonNode inbox = JSON.readTree(get(to, "/api/v1/vcs/inbox").body());
            JsonNode ack = openapi.at("/paths/~1api~1v1~1vcs~1inbox~1ack/post/requestBody/content/application~1json/example")
                    .deepCopy();
            ((com.fasterxml.jackson.databind.node.ObjectNode) ack).put("cursor", inbox.get("cursor").asLong());
            assertThat(post(to, "/api/v1/vcs/inbox/ack", ack.toString()).statusCode()).isEqualTo(200);

            for (String outcome : List.of(openapi.at("/paths/~1api~1v1~1vcs~1referrals~1{referralId}~1outcome/post"
                    + "/requestBody/content/application~1json/example").toString(), jsonBlockAfter(guide, "### An outcome"))) {
                HttpResponse<String> o = post(to, "/api/v1/vcs/referrals/" + referralId + "/outcome", outcome);
                assertThat(o.statusCode()).as(o.body()).isEqualTo(202);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> "outcome-received".equals(JSON.readTree(
                    get(TestEnvironment.CHARITY, "/api/v1/vcs/referrals/" + referralId).body()).path("status").asText()));
        }
    }

    /** The first ```json block after {@code marker}. */
    static String jsonBlockAfter(String markdown, String marker) {
        int at = markdown.indexOf(marker);
        assertThat(at).as("'%s' in the document", marker).isNotNegative();
        Matcher m = Pattern.compile("```json\\s*\\n(.*?)```", Pattern.DOTALL).matcher(markdown);
        assertThat(m.find(at)).as("a json block after '%s'", marker).isTrue();
        return m.group(1);
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpResponse<String> get(String agency, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).header("X-API-Key", ENV.apiKey(agency)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String agency, String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).header("X-API-Key", ENV.apiKey(agency))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
