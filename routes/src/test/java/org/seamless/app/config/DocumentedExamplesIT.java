package org.seamless.app.config;

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
 * the FHIR discharge notice of docs/examples, the consent form of docs/privacy.md, the referral,
 * outcome and inbox acknowledgement of the OpenAPI document and docs/flows/voluntary-sector.md, from
 * demo-charity to demo-carers-centre and back; every other request example of the three OpenAPI
 * documents (consents in both forms, alert accesses, the IG disclosure report, the operator's replay);
 * and every curl of the shell walk-throughs (README, docs/operations.md, the voluntary-sector
 * walk-through), parsed into HTTP calls (ADR 0040, addendum).
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class DocumentedExamplesIT extends SeamlessTestBase {
    static final String CARERS = "demo-carers-centre";
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path DOCS = Path.of("../docs");

    static {
        // the voluntary-sector walk-through starts the application with a home-from-hospital service
        ENV.withProperty("seamless.vcs.home-from-hospital", TestEnvironment.CHARITY);
        ENV.withAgencies("""
                  - id: %1$s
                    kind: voluntary-org
                    ods-code: DEMO6
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

    /**
     * Every request body example of the three OpenAPI documents, sent as written by the caller the
     * document is for (a trust or council for consents and alert accesses, the IG lead, the operator).
     * The referral, outcome and inbox acknowledgement examples run in the test above; an example this
     * test does not know fails it, so a new one must be given a run here.
     */
    @Test
    void everyRequestExampleOfTheOpenApiDocumentsRuns() throws Exception {
        java.util.Set<String> ranAbove = java.util.Set.of("vcs-api POST /api/v1/vcs/referrals application/json",
                "vcs-api POST /api/v1/vcs/referrals/{referralId}/outcome application/json",
                "vcs-api POST /api/v1/vcs/inbox/ack application/json");
        // the replay example names the message of docs/examples/discharge-notice.json: the hub must have it
        HttpResponse<String> notice = postMessage(ENV.apiKey(TestEnvironment.TRUST), "application/fhir+json",
                Files.readString(DOCS.resolve("examples/discharge-notice.json")));
        assertThat(notice.statusCode()).as(notice.body()).isEqualTo(200);
        int run = 0;
        for (String name : List.of("vcs-api", "ig-api", "ops-api")) {
            JsonNode doc;
            try (InputStream in = getClass().getResourceAsStream("/openapi/" + name + ".yaml")) {
                doc = new ObjectMapper(new YAMLFactory()).readTree(in);
            }
            for (var path : (Iterable<java.util.Map.Entry<String, JsonNode>>) doc.get("paths")::fields) {
                for (var op : (Iterable<java.util.Map.Entry<String, JsonNode>>) path.getValue()::fields) {
                    for (var content : (Iterable<java.util.Map.Entry<String, JsonNode>>)
                            op.getValue().path("requestBody").path("content")::fields) {
                        JsonNode example = content.getValue().get("example");
                        if (example == null) {
                            continue;
                        }
                        String id = name + " " + op.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey()
                                + " " + content.getKey();
                        if (ranAbove.contains(id)) {
                            continue;
                        }
                        String body = example.isTextual() ? example.asText() : example.toString();
                        String key = switch (id) {
                            case "vcs-api POST /api/v1/consents application/json",
                                 "vcs-api POST /api/v1/consents application/fhir+json" -> ENV.apiKey(TestEnvironment.TRUST);
                            case "vcs-api POST /api/v1/alerts/accesses application/json",
                                 "vcs-api POST /api/v1/alerts/decisions-not-to-share application/json" ->
                                    ENV.apiKey(TestEnvironment.LA_CSV);
                            case "ig-api POST /api/ig/disclosures application/json",
                                 "ig-api POST /api/ig/subject-access application/json" -> ENV.igApiKey();
                            case "ops-api POST /api/ops/replay application/json" -> ENV.opsApiKey();
                            case "ops-api POST /api/ops/pds/work-queue/resolve application/json" -> {
                                // the row of the example, held by PDS tracing (as an import would have kept it)
                                JsonNode row = JSON.readTree(body);
                                jdbc.update("DELETE FROM pds_trace WHERE agency_id = ? AND file_digest = ? AND line = ?",
                                        row.get("agencyId").asText(), row.get("fileDigest").asText(), row.get("line").asLong());
                                jdbc.update("INSERT INTO pds_trace (agency_id, file_digest, line, file_name, outcome,"
                                        + " traced_at) VALUES (?, ?, ?, ?, 'MULTIPLE_MATCHES', CURRENT_TIMESTAMP)",
                                        row.get("agencyId").asText(), row.get("fileDigest").asText(),
                                        row.get("line").asLong(), "alerts-full-20261206.csv");
                                yield ENV.opsApiKey();
                            }
                            default -> throw new AssertionError("an OpenAPI request example this test does not run: " + id);
                        };
                        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri(path.getKey()))
                                .header("X-API-Key", key).header("Content-Type", content.getKey())
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                        assertThat(r.statusCode()).as("%s answered %s", id, r.body()).isBetween(200, 299);
                        if (path.getKey().equals("/api/v1/consents")) {
                            String receipt = JSON.readTree(r.body()).get("receiptId").asText();
                            await().atMost(Duration.ofSeconds(30)).until(() -> !"pending".equals(JSON.readTree(get(
                                    TestEnvironment.TRUST, "/api/v1/consents/receipts/" + receipt).body()).path("status").asText()));
                            assertThat(JSON.readTree(get(TestEnvironment.TRUST, "/api/v1/consents/receipts/" + receipt).body())
                                    .path("status").asText()).as("%s is applied", id).isEqualTo("applied");
                        }
                        run++;
                    }
                }
            }
        }
        assertThat(run).as("OpenAPI request examples run here").isGreaterThanOrEqualTo(4);
    }

    /**
     * The ITK alert payload of docs/flows/social-care-alerts.md, as written (comments and all), in a
     * distribution envelope with the service and MIME type the document names, sent to
     * {@code /soap/itk/alerts} by the la-soap council: answered with an ITK simple message response.
     */
    @Test
    void theItkAlertPayloadExampleIsAccepted() throws Exception {
        String payload = blockAfter(Files.readString(DOCS.resolve("flows/social-care-alerts.md")),
                "its one `text/xml` payload:", "xml").strip();
        String tracking = java.util.UUID.randomUUID().toString().toUpperCase(java.util.Locale.ROOT);
        org.seamless.mappings.itk.ItkEnvelope envelope = new org.seamless.mappings.itk.ItkEnvelope(tracking,
                org.seamless.mappings.alert.SocialCareAlertXml.SERVICE, "urn:nhs-uk:addressing:ods:DEMO3",
                List.of("urn:seamless:addressing:agency:seamless-hub"), null,
                java.util.Map.of("urn:nhs-itk:ns:201005:ackrequested", "false"),
                List.of(new org.seamless.mappings.itk.ItkEnvelope.Payload("uuid_" + java.util.UUID.randomUUID()
                        .toString().toUpperCase(java.util.Locale.ROOT), "text/xml", null, payload)));
        String body = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"
                + org.seamless.mappings.itk.SafeXml.write(org.seamless.mappings.itk.ItkEnvelopeXml.toDocument(envelope)
                        .getDocumentElement(), false, false) + "</soap:Body></soap:Envelope>";
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri("/soap/itk/alerts")).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "text/xml; charset=UTF-8")
                .header("SOAPAction", "\"urn:nhs-itk:services:201005:sendRecvDistEnvelope\"")
                .header("X-API-Key", ENV.apiKey(TestEnvironment.LA_SOAP))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).as(r.body()).contains("SimpleMessageResponse").doesNotContain("ToolkitErrorInfo");
    }

    /**
     * The consent CSV of docs/privacy.md, dropped as written into the CSV council's inbox: the file is
     * processed and no row is rejected.
     */
    @Test
    void theConsentCsvExampleIsImported() throws Exception {
        String csv = blockAfter(Files.readString(DOCS.resolve("privacy.md")), "**LA CSV files:**", "csv").lines().map(String::strip).collect(java.util.stream.Collectors.joining("\n", "", "\n"));
        Path inbox = ENV.inbox(TestEnvironment.LA_CSV);
        Files.createDirectories(inbox);
        String name = "consents-docs-example.csv";
        Path temp = inbox.getParent().resolve(name + ".tmp");
        Files.writeString(temp, csv);
        Files.move(temp, inbox.resolve(name), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Path processed = inbox.resolve("processed");
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(processed.resolve(name + ".summary.csv"))
                || Files.exists(inbox.resolve("failed").resolve(name)));
        assertThat(inbox.resolve("failed").resolve(name)).as("the example file failed").doesNotExist();
        assertThat(Files.readAllLines(processed.resolve(name + ".rejects.csv"))).as("rows of the example rejected")
                .hasSize(1);
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    /**
     * The ITK {@code NoticeResponse} envelope of docs/flows/hospital-notices.md, as written, from the
     * la-soap council to {@code /soap/itk/answers}. It answers the golden discharge notice (its message
     * id), so that notice is first sent by the trust for someone living in that council's area.
     */
    @Test
    void theItkNoticeResponseExampleIsAccepted() throws Exception {
        String notice = Files.readString(Path.of("../mappings/src/test/resources/golden/hospital-notices/discharge.json"))
                .replace("HG1 1AA", "LS6 1AA");
        HttpResponse<String> sent = postMessage(ENV.apiKey(TestEnvironment.TRUST), "application/fhir+json", notice);
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        String envelope = blockAfter(Files.readString(DOCS.resolve("flows/hospital-notices.md")),
                "is a `NoticeResponse`:", "xml");
        String messageId = Pattern.compile("<messageId>([^<]+)</messageId>").matcher(envelope).results()
                .findFirst().orElseThrow().group(1);
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM ledger_entry"
                + " WHERE message_id = ? AND recipient_agency = ? AND entry_kind = 'RELEASE'", Integer.class, messageId,
                TestEnvironment.LA_SOAP) > 0);
        String body = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"
                + envelope.strip() + "</soap:Body></soap:Envelope>";
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri("/soap/itk/answers")).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "text/xml; charset=UTF-8")
                .header("SOAPAction", "\"urn:nhs-itk:services:201005:sendRecvDistEnvelope\"")
                .header("X-API-Key", ENV.apiKey(TestEnvironment.LA_SOAP))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).as(r.body()).contains("SimpleMessageResponse").doesNotContain("ToolkitErrorInfo");
    }

    /** The documents whose shell examples are run, in the order a reader on a fresh data directory would. */
    static final List<String> SHELL_DOCUMENTS = List.of("docs/flows/voluntary-sector.md", "README.md",
            "docs/operations.md");
    /** Commands a shell example may hold that are not HTTP calls: starting, building, looking at files. */
    static final Pattern NOT_HTTP = Pattern.compile("^(java|\\./mvnw|MAVEN_OPTS=|ls|cd|cat|CREDS=)\\b.*");

    /**
     * Every {@code sh} block of the documentation that calls the running application with curl, run as
     * written: each curl is parsed into the HTTP call it makes (method, headers, body or {@code @file},
     * URL) rather than run by a shell; {@code X=$(grep '^<name>.api-key=' ...)} reads the key of that
     * agency (or of {@code ig}, {@code ops}) for this run; {@code X=$(curl ... | jq -r '<path>')} reads a
     * value from an answer, waiting as a reader would until it is there; a comment after a curl showing
     * an answer with {@code "status":N} is the status expected, otherwise a 2xx. Commands that start or
     * build the application, or list files, are skipped; anything else fails as not runnable.
     */
    @Test
    @org.junit.jupiter.api.Order(1) // the walk-through is written for a fresh data directory: it runs first
    void theShellWalkThroughsRunAsWritten() throws Exception {
        int calls = 0;
        for (String doc : SHELL_DOCUMENTS) {
            String text = Files.readString(DOCS.resolve("..").resolve(doc));
            Matcher block = Pattern.compile("```sh\\s*\\n(.*?)```", Pattern.DOTALL).matcher(text);
            while (block.find()) {
                if (!block.group(1).contains("curl ")) {
                    continue; // a build or benchmark command, not a call to the running application
                }
                calls += new ShellExample(doc, block.group(1)).run();
            }
        }
        assertThat(calls).as("curl calls run").isGreaterThanOrEqualTo(15);
    }

    /** One shell example: its commands, joined across backslash line ends, run one by one. */
    final class ShellExample {
        private final String doc;
        private final List<String> lines = new java.util.ArrayList<>();
        private final java.util.Map<String, String> vars = new java.util.HashMap<>();
        private final java.util.Map<String, String> people = new java.util.HashMap<>();
        private final java.util.Set<String> ran = new java.util.HashSet<>();
        private int calls;

        ShellExample(String doc, String block) {
            this.doc = doc;
            vars.put("BASE", "http://localhost:" + port);
            StringBuilder current = new StringBuilder();
            for (String line : block.split("\n")) {
                if (line.endsWith("\\")) {
                    current.append(line, 0, line.length() - 1).append(' ');
                    continue;
                }
                current.append(line);
                if (!current.toString().strip().startsWith("#") && inQuotes(current.toString(), current.length())) {
                    current.append('\n'); // a quoted string goes on on the next line
                    continue;
                }
                lines.add(current.toString().strip());
                current.setLength(0);
            }
        }

        int run() throws Exception {
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.startsWith("for ") && line.contains("; do")) {
                    Matcher loop = Pattern.compile("for (\\w+) in ([^;]+); do").matcher(line);
                    assertThat(loop.find()).as("%s: loop %s", doc, line).isTrue();
                    List<String> body = new java.util.ArrayList<>();
                    while (!lines.get(++i).equals("done")) {
                        body.add(lines.get(i));
                    }
                    for (String value : loop.group(2).strip().split("\\s+")) {
                        vars.put(loop.group(1), value);
                        for (String command : body) {
                            command(command, expected(body, body.indexOf(command)));
                        }
                    }
                } else {
                    command(line, expected(lines, i));
                }
            }
            // why: a parsing slip (a quote in a comment, say) must not skip calls unseen
            assertThat(ran).as("%s: every curl of the example ran", doc).containsAll(lines.stream()
                    .map(ShellExample::stripComment).filter(l -> l.contains("curl ")).toList());
            return calls;
        }

        /** The status a comment after the command shows ({@code "status":N}), or 0 for any 2xx. */
        private int expected(List<String> in, int at) {
            for (int j = at + 1; j < in.size() && in.get(j).startsWith("#"); j++) {
                Matcher m = Pattern.compile("\"status\":(\\d{3})").matcher(in.get(j));
                if (m.find()) {
                    return Integer.parseInt(m.group(1));
                }
            }
            return 0;
        }

        private void command(String line, int expected) throws Exception {
            String command = stripComment(line);
            ran.add(command);
            if (command.isEmpty() || NOT_HTTP.matcher(command).matches()) {
                return;
            }
            Matcher key = Pattern.compile("^(\\w+)=\\$\\(grep '\\^([\\w.-]+)\\.api-key=' .*\\)$").matcher(command);
            Matcher password = Pattern.compile("^(\\w+)=\\$\\(grep '\\^([\\w.-]+)\\.password=' .*\\)$").matcher(command);
            Matcher read = Pattern.compile("^(\\w+)=\\$\\((curl .*) \\| jq -r '([^']+)'\\)$").matcher(command);
            Matcher assign = Pattern.compile("^(\\w+)=(\\S+)$").matcher(command);
            if (key.matches()) {
                String who = key.group(2);
                vars.put(key.group(1), switch (who) {
                    case "ig" -> ENV.igApiKey();
                    case "ops" -> ENV.opsApiKey();
                    default -> ENV.apiKey(who);
                });
            } else if (password.matches()) {
                // the demo's named people are this run's people of the same role
                String who = password.group(2);
                String person = switch (who) {
                    case "demo-operator" -> TestEnvironment.OPERATOR;
                    case "demo-ig-lead" -> TestEnvironment.IG_LEAD;
                    default -> throw new AssertionError(doc + ": no person of this run stands for " + who);
                };
                people.put(who, person);
                vars.put(password.group(1), ENV.password(person));
            } else if (read.matches()) {
                String[] value = new String[1];
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    HttpResponse<String> r = curl(read.group(2));
                    JsonNode at = jq(JSON.readTree(r.body()), read.group(3));
                    value[0] = at.isMissingNode() || at.isNull() ? null : at.asText();
                    return r.statusCode() / 100 == 2 && value[0] != null;
                });
                vars.put(read.group(1), value[0]);
            } else if (assign.matches()) {
                vars.put(assign.group(1), words(assign.group(2)).get(0));
            } else if (command.startsWith("curl ")) {
                String call = command.contains(" | ") ? command.substring(0, command.indexOf(" | ")) : command;
                HttpResponse<String> r = curl(call);
                if (expected == 0) {
                    assertThat(r.statusCode()).as("%s: %s answered %s", doc, call, r.body()).isBetween(200, 299);
                } else {
                    assertThat(r.statusCode()).as("%s: %s answered %s", doc, call, r.body()).isEqualTo(expected);
                }
            } else {
                throw new AssertionError(doc + ": an example command that cannot be run: " + command);
            }
        }

        private HttpResponse<String> curl(String command) throws Exception {
            List<String> words = words(command);
            String method = null;
            String body = null;
            String url = null;
            HttpRequest.Builder req = HttpRequest.newBuilder().timeout(Duration.ofSeconds(120));
            for (int i = 1; i < words.size(); i++) {
                String w = words.get(i);
                switch (w) {
                    case "-s", "-S", "-sS", "--silent" -> { }
                    case "-X", "--request" -> method = words.get(++i);
                    case "-u", "--user" -> {
                        String u = words.get(++i);
                        String user = u.substring(0, u.indexOf(':'));
                        String basic = people.getOrDefault(user, user) + u.substring(u.indexOf(':'));
                        req.header("Authorization", "Basic " + java.util.Base64.getEncoder()
                                .encodeToString(basic.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                    }
                    case "-H", "--header" -> {
                        String h = words.get(++i);
                        req.header(h.substring(0, h.indexOf(':')).strip(), h.substring(h.indexOf(':') + 1).strip());
                    }
                    case "-d", "--data", "--data-binary", "--data-raw" -> {
                        String d = words.get(++i);
                        body = d.startsWith("@") && !w.equals("--data-raw")
                                ? Files.readString(DOCS.resolve("..").resolve(d.substring(1))) : d;
                    }
                    default -> {
                        assertThat(w).as("%s: a curl option this test does not know: %s", doc, command).doesNotStartWith("-");
                        assertThat(url).as("%s: one URL per curl: %s", doc, command).isNull();
                        url = w;
                    }
                }
            }
            assertThat(url).as("%s: a URL in %s", doc, command).isNotNull();
            if (!url.startsWith("http")) {
                url = "http://" + url;
            }
            url = url.replace("localhost:8080", "localhost:" + port);
            req.uri(URI.create(url));
            method = method != null ? method : body != null ? "POST" : "GET";
            req.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            calls++;
            return HTTP.send(req.build(), HttpResponse.BodyHandlers.ofString());
        }

        /** Shell words: single quotes literal, double quotes with $VAR and \\ escapes, $VAR outside quotes. */
        private List<String> words(String command) {
            List<String> out = new java.util.ArrayList<>();
            StringBuilder w = new StringBuilder();
            boolean inWord = false;
            for (int i = 0; i < command.length(); i++) {
                char c = command.charAt(i);
                if (c == '\'') {
                    int end = command.indexOf('\'', i + 1);
                    w.append(command, i + 1, end);
                    i = end;
                    inWord = true;
                } else if (c == '"') {
                    i++;
                    for (; command.charAt(i) != '"'; i++) {
                        char d = command.charAt(i);
                        if (d == '\\' && "\"$\\`".indexOf(command.charAt(i + 1)) >= 0) {
                            w.append(command.charAt(++i));
                        } else if (d == '$') {
                            i = variable(command, i, w);
                        } else {
                            w.append(d);
                        }
                    }
                    inWord = true;
                } else if (c == '\\') {
                    w.append(command.charAt(++i));
                    inWord = true;
                } else if (c == '$') {
                    i = variable(command, i, w);
                    inWord = true;
                } else if (Character.isWhitespace(c)) {
                    if (inWord) {
                        out.add(w.toString());
                        w.setLength(0);
                        inWord = false;
                    }
                } else {
                    w.append(c);
                    inWord = true;
                }
            }
            if (inWord) {
                out.add(w.toString());
            }
            return out;
        }

        /** Appends the value of the variable at {@code at} ($NAME or ${NAME}); answers the index of its last character. */
        private int variable(String command, int at, StringBuilder into) {
            int start = at + 1;
            boolean braces = command.charAt(start) == '{';
            int end = braces ? command.indexOf('}', start) : start;
            if (!braces) {
                while (end < command.length() && (Character.isLetterOrDigit(command.charAt(end)) || command.charAt(end) == '_')) {
                    end++;
                }
            }
            String name = command.substring(braces ? start + 1 : start, end);
            assertThat(vars).as("%s: variable $%s set before use", doc, name).containsKey(name);
            into.append(vars.get(name));
            return braces ? end : end - 1;
        }

        private static String stripComment(String line) {
            int hash = line.indexOf(" #");
            String out = line.startsWith("#") ? "" : hash >= 0 && !inQuotes(line, hash) ? line.substring(0, hash) : line;
            return out.strip();
        }

        private static boolean inQuotes(String line, int at) {
            int single = 0;
            int dbl = 0;
            for (int i = 0; i < at; i++) {
                if (line.charAt(i) == '\'' && dbl % 2 == 0) {
                    single++;
                } else if (line.charAt(i) == '"' && single % 2 == 0 && (i == 0 || line.charAt(i - 1) != '\\')) {
                    dbl++;
                }
            }
            return single % 2 == 1 || dbl % 2 == 1;
        }
    }

    /** A jq path of the form {@code .a.b[0].c}. */
    static JsonNode jq(JsonNode node, String path) {
        Matcher step = Pattern.compile("\\.(\\w+)|\\[(\\d+)]").matcher(path);
        JsonNode at = node;
        while (step.find()) {
            at = step.group(1) != null ? at.path(step.group(1)) : at.path(Integer.parseInt(step.group(2)));
        }
        return at;
    }

    /** The first ```json block after {@code marker}. */
    static String jsonBlockAfter(String markdown, String marker) {
        return blockAfter(markdown, marker, "json");
    }

    /** The first fenced block of {@code language} after {@code marker}. */
    static String blockAfter(String markdown, String marker, String language) {
        int at = markdown.indexOf(marker);
        assertThat(at).as("'%s' in the document", marker).isNotNegative();
        Matcher m = Pattern.compile("```" + language + "\\s*\\n(.*?)```", Pattern.DOTALL).matcher(markdown);
        assertThat(m.find(at)).as("a %s block after '%s'", language, marker).isTrue();
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
