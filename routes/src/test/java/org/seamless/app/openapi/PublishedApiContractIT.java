package org.seamless.app.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.seamless.client.agency.ApiClient;
import org.seamless.client.agency.ApiException;
import org.seamless.client.agency.api.ConsentsApi;
import org.seamless.client.agency.api.ReferralsApi;
import org.seamless.client.agency.api.TrackingApi;
import org.seamless.client.agency.model.Accepted;
import org.seamless.client.agency.model.AcknowledgeInboxRequest;
import org.seamless.client.agency.model.ConsentAccepted;
import org.seamless.client.agency.model.ConsentForm;
import org.seamless.client.agency.model.ConsentFormRecipient;
import org.seamless.client.agency.model.Inbox;
import org.seamless.client.agency.model.InboxItemsInner;
import org.seamless.client.agency.model.MessageTracking;
import org.seamless.client.agency.model.MessageTrackingRecipientsInner;
import org.seamless.client.agency.model.OutcomeSubmission;
import org.seamless.client.agency.model.Person;
import org.seamless.client.agency.model.PersonAddress;
import org.seamless.client.agency.model.ReadReferral200Response;
import org.seamless.client.agency.model.ReferralSubmission;
import org.seamless.hub.consent.ConsentProblemType;
import org.seamless.mappings.message.Plausibility;
import org.seamless.mappings.testdata.TestNotices;
import org.seamless.mappings.vcs.ReferralMessages;
import org.seamless.ops.OperatorProblemType;
import org.seamless.testsupport.SeamlessTestBase;
import org.seamless.testsupport.TestEnvironment;
import org.seamless.adapters.spi.Edges;
import org.seamless.adapters.vcswebhook.api.VcsProblemType;
import org.seamless.edge.AdapterEdges;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Issue 26 item 1. The contract: every request mapping of the running application that an agency, the
 * operator or the IG lead may call is in the OpenAPI document Seamless publishes for that audience, with
 * its request and response schemas and its problem responses, and every documented operation exists; the
 * list comes from the application's own mappings, so a new endpoint without documentation fails here.
 * The journey: a Java client generated at build time from the published agency document (target/, never
 * committed) drives a voluntary organisation's whole journey; a wrong document fails to compile or fails
 * to read the answers (the client here refuses fields the document does not declare).
 */
class PublishedApiContractIT extends SeamlessTestBase {
    static final String SENDER = "test-journey-sender";
    static final String RECEIVER = "test-journey-receiver";
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration WAIT = Duration.ofSeconds(60);

    static {
        ENV.withCharities(SENDER, RECEIVER);
        ENV.withProperty("seamless.vcs.home-from-hospital", RECEIVER);
    }

    @Autowired
    org.seamless.privacy.keys.FieldCipher atRest;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AdapterEdges adapterEdges;

    private final Map<OpenApiDocuments.Document, JsonNode> documents = new EnumMap<>(OpenApiDocuments.Document.class);

    @BeforeEach
    void fetchDocuments() throws Exception {
        for (OpenApiDocuments.Document d : OpenApiDocuments.Document.values()) {
            HttpResponse<String> json = HTTP.send(HttpRequest.newBuilder(uri(d.jsonPath())).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> yaml = HTTP.send(HttpRequest.newBuilder(uri(d.yamlPath())).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(json.statusCode()).as(d.jsonPath()).isEqualTo(200);
            assertThat(yaml.statusCode()).as(d.yamlPath()).isEqualTo(200);
            JsonNode doc = JSON.readTree(json.body());
            assertThat(doc.path("openapi").asText()).startsWith("3.");
            assertThat(new ObjectMapper(new YAMLFactory()).readTree(yaml.body())).isEqualTo(doc);
            documents.put(d, doc);
        }
    }

    // --- the contract ------------------------------------------------------------------------------------

    /** A mapping as the running application has it: method, path pattern, and the audience's document. */
    record Operation(String method, String path, OpenApiDocuments.Document document) {
        String key() {
            return method + " " + normalised(path);
        }
    }

    @Test
    void everyRequestMappingAnAgencyOperatorOrIgLeadMayCallIsInItsDocumentWithSchemasAndProblems() {
        List<String> faults = new ArrayList<>();
        List<Operation> operations = applicationOperations(faults);
        assertThat(operations).extracting(Operation::key)
                .contains("POST /api/v1/consents", "GET /api/v1/messages/{}/tracking", "POST /api/v1/vcs/referrals",
                        "GET /api/ops/quarantine", "POST /api/ig/disclosures", "POST /api/ig/subject-access");
        for (Operation op : operations) {
            JsonNode doc = documents.get(op.document());
            JsonNode operation = documentedPaths(doc).getOrDefault(normalised(op.path()), JSON.createObjectNode())
                    .path(op.method().toLowerCase());
            if (operation.isMissingNode()) {
                faults.add(op.key() + " is not in the " + op.document() + " document");
                continue;
            }
            checkOperation(doc, op, operation, faults);
        }
        assertThat(faults).as("undocumented or under-documented operations").isEmpty();
    }

    @Test
    void everyDocumentedOperationIsARequestMappingOfTheApplication() {
        Set<String> mapped = new TreeSet<>();
        applicationOperations(new ArrayList<>()).forEach(o -> mapped.add(o.document() + " " + o.key()));
        List<String> stale = new ArrayList<>();
        documents.forEach((d, doc) -> documentedPaths(doc).forEach((path, item) -> item.fieldNames().forEachRemaining(m -> {
            if (List.of("get", "post", "put", "delete", "patch").contains(m)
                    && !mapped.contains(d + " " + m.toUpperCase() + " " + path)) {
                stale.add(d + " " + m.toUpperCase() + " " + path);
            }
        })));
        assertThat(stale).as("documented operations the application does not have").isEmpty();
    }

    @Test
    void theAgencyDocumentListsEveryProblemTypeTheApiAnswersWith() {
        Set<String> listed = new LinkedHashSet<>();
        documents.get(OpenApiDocuments.Document.AGENCY).path("x-problem-types")
                .forEach(t -> listed.add(t.path("type").asText()));
        Set<String> answered = new TreeSet<>();
        for (VcsProblemType t : VcsProblemType.values()) {
            answered.add(t.uri().toString());
        }
        for (ConsentProblemType t : ConsentProblemType.values()) {
            answered.add(t.uri().toString());
        }
        for (Plausibility.Rule r : Plausibility.Rule.values()) {
            answered.add(VcsProblemType.BASE + r.code());
        }
        answered.add(VcsProblemType.BASE + "alert-access-query");
        assertThat(listed).containsAll(answered);
    }

    @Test
    void theOperatorAndIgDocumentsListTheirProblemTypesAndAnswerErrorsAsProblemDocuments() {
        for (OpenApiDocuments.Document d : List.of(OpenApiDocuments.Document.OPERATOR, OpenApiDocuments.Document.IG)) {
            JsonNode doc = documents.get(d);
            Set<String> listed = new TreeSet<>();
            doc.path("x-problem-types").forEach(t -> listed.add(t.path("type").asText()));
            assertThat(listed).as(d + " x-problem-types").contains(OperatorProblemType.UNAUTHENTICATED.uri().toString());
            documentedPaths(doc).forEach((path, item) -> item.fields().forEachRemaining(op -> op.getValue().path("responses")
                    .fields().forEachRemaining(r -> {
                        if (!r.getKey().startsWith("2")) {
                            assertThat(resolve(doc, r.getValue()).path("content").fieldNames()).toIterable()
                                    .as(d + " " + op.getKey() + " " + path + " " + r.getKey()).containsOnly("application/problem+json");
                        }
                    })));
        }
        Set<String> all = new TreeSet<>();
        for (OpenApiDocuments.Document d : List.of(OpenApiDocuments.Document.OPERATOR, OpenApiDocuments.Document.IG)) {
            documents.get(d).path("x-problem-types").forEach(t -> all.add(t.path("type").asText()));
        }
        for (OperatorProblemType t : OperatorProblemType.values()) {
            assertThat(all).as("listed in the operator or IG document").contains(t.uri().toString());
        }
    }

    @Test
    void everyOperatorAndIgEndpointAnswersRefusalsAsProblemDocuments() throws Exception {
        List<String> faults = new ArrayList<>();
        for (Operation op : applicationOperations(new ArrayList<>())) {
            if (op.document() == OpenApiDocuments.Document.AGENCY || op.path().contains("/openapi.")) {
                continue;
            }
            String path = op.path().replaceAll("\\{[^}]*}", "x");
            checkProblem(op.key() + " without a key", call(op.method(), path, null, null), 401,
                    OperatorProblemType.UNAUTHENTICATED, faults);
            if (op.method().equals("POST")) { // refused by the body limit filter, before the body is read
                checkProblem(op.key() + " with a body and no key", call(op.method(), path, null, "{}"), 401,
                        OperatorProblemType.UNAUTHENTICATED, faults);
            }
        }
        String ops = ENV.opsApiKey();
        checkProblem("unknown quarantine item", call("GET", "/api/ops/quarantine/no-such-item", ops, null), 404,
                OperatorProblemType.UNKNOWN_QUARANTINE_ITEM, faults);
        checkProblem("quarantine limit not a number", call("GET", "/api/ops/quarantine?limit=many", ops, null), 400,
                OperatorProblemType.INVALID_REQUEST, faults);
        checkProblem("unknown agency", call("GET", "/api/ops/dead-letters/no-such-agency", ops, null), 404,
                OperatorProblemType.UNKNOWN_AGENCY, faults);
        checkProblem("replay without messageId", call("POST", "/api/ops/replay", ops, "{}"), 400,
                OperatorProblemType.INVALID_REQUEST, faults);
        checkProblem("replay of an unknown message", call("POST", "/api/ops/replay", ops,
                "{\"messageId\": \"" + UUID.randomUUID() + "\"}"), 404, OperatorProblemType.UNKNOWN_MESSAGE, faults);
        checkProblem("unsettled threshold not a number", call("GET", "/api/ops/unsettled?olderThanSeconds=soon", ops, null),
                400, OperatorProblemType.INVALID_REQUEST, faults);
        checkProblem("PDS work queue in an unknown state", call("GET", "/api/ops/pds/work-queue?state=closed", ops, null),
                400, OperatorProblemType.INVALID_REQUEST, faults);
        checkProblem("PDS resolve without a note", call("POST", "/api/ops/pds/work-queue/resolve", ops,
                "{\"agencyId\": \"demo-la-csv\", \"fileDigest\": \"ab\", \"line\": 1}"), 400,
                OperatorProblemType.INVALID_REQUEST, faults);
        checkProblem("PDS resolve of a row nobody held", call("POST", "/api/ops/pds/work-queue/resolve", ops,
                "{\"agencyId\": \"demo-la-csv\", \"fileDigest\": \"no-such-file\", \"line\": 1, \"note\": \"n\"}"),
                404, OperatorProblemType.UNKNOWN_HELD_ROW, faults);
        checkProblem("disclosure report without an NHS number", call("POST", "/api/ig/disclosures", ENV.igApiKey(), "{}"),
                400, OperatorProblemType.INVALID_REQUEST, faults);
        assertThat(faults).as("operator and IG refusals that are not problem documents").isEmpty();
    }

    private void checkProblem(String what, HttpResponse<String> r, int status, OperatorProblemType type,
                              List<String> faults) throws Exception {
        String contentType = r.headers().firstValue("Content-Type").orElse("");
        JsonNode p = r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body());
        if (r.statusCode() != status || !contentType.startsWith("application/problem+json")
                || !type.uri().toString().equals(p.path("type").asText()) || !type.title().equals(p.path("title").asText())
                || p.path("status").asInt() != status || !p.path("detail").isTextual()) {
            faults.add(what + ": " + r.statusCode() + " " + contentType + " " + r.body());
        }
    }

    private HttpResponse<String> call(String method, String path, String apiKey, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (apiKey != null) {
            b.header("X-API-Key", apiKey);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<Operation> applicationOperations(List<String> faults) {
        List<Operation> out = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mappings.getHandlerMethods().entrySet()) {
            Class<?> type = e.getValue().getBeanType();
            if (type.getPackageName().startsWith("org.seamless.app.demo") // stand-ins for agencies' own systems
                    || type.getName().startsWith("org.springframework.boot")) { // /error
                continue;
            }
            if (type == org.seamless.hub.identity.IdentityEventsController.class) {
                // the MNS subscriber (ADR 0084): the publisher's contract (MNS's CloudEvents signals), not one Seamless
                // publishes; it must stay outside the agencies' /api/v1
                e.getKey().getPatternValues().stream().filter(p -> p.startsWith("/api/"))
                        .forEach(p -> faults.add(p + " (" + type.getSimpleName() + ") is inside a published API's space"));
                continue;
            }
            if (type.getPackageName().startsWith("org.seamless.ops.console")) {
                // HTML pages for people in a browser, not an API: docs/console.md describes them, the endpoint
                // inventory gives their rule and the browser journeys drive them; they must stay under /console
                e.getKey().getPatternValues().stream().filter(p -> !p.equals("/console") && !p.startsWith("/console/"))
                        .forEach(p -> faults.add(p + " (" + type.getSimpleName() + ") is a console page outside /console"));
                continue;
            }
            Set<RequestMethod> methods = e.getKey().getMethodsCondition().getMethods();
            for (String path : e.getKey().getPatternValues()) {
                OpenApiDocuments.Document d = audience(path);
                if (d == null) {
                    faults.add(path + " (" + type.getSimpleName() + ") is in no published document's part of the URL space");
                    continue;
                }
                if (methods.isEmpty()) {
                    faults.add(path + " (" + type.getSimpleName() + ") answers every HTTP method; declare the ones it serves");
                }
                methods.forEach(m -> out.add(new Operation(m.name(), path, d)));
            }
        }
        // the servlets adapter types register (the voluntary-sector API, ADR 0068) name their operations
        for (AdapterEdges.ServletEdge s : adapterEdges.servlets()) {
            if (!(s.servlet() instanceof Edges.Operations ops)) {
                s.urlPatterns().stream().filter(p -> audience(p) != null).forEach(p -> faults.add(p + " (adapter edge "
                        + s.name() + ") is in a published document's URL space but does not name its operations"));
                continue;
            }
            for (String op : ops.operations()) {
                String method = op.substring(0, op.indexOf(' '));
                String path = op.substring(op.indexOf(' ') + 1);
                OpenApiDocuments.Document d = audience(path);
                if (d == null) {
                    faults.add(path + " (adapter edge " + s.name() + ") is in no published document's part of the URL space");
                    continue;
                }
                out.add(new Operation(method, path, d));
            }
        }
        return out;
    }

    /** Whose document a path belongs in: operator, IG lead, or agencies (all of /api/v1 and the token). */
    static OpenApiDocuments.Document audience(String path) {
        if (path.startsWith("/api/ops/")) {
            return OpenApiDocuments.Document.OPERATOR;
        }
        if (path.startsWith("/api/ig/")) {
            return OpenApiDocuments.Document.IG;
        }
        if (path.startsWith("/api/v1/") || path.startsWith("/oauth2/")) {
            return OpenApiDocuments.Document.AGENCY;
        }
        return null;
    }

    private void checkOperation(JsonNode doc, Operation op, JsonNode operation, List<String> faults) {
        String at = op.key() + " (" + op.document() + "): ";
        boolean secured = !(operation.has("security") && operation.get("security").isEmpty());
        // path parameters declared
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(documentedPath(doc, op));
        while (m.find()) {
            String name = m.group(1);
            boolean declared = false;
            for (JsonNode p : operation.path("parameters")) {
                JsonNode r = resolve(doc, p);
                declared |= name.equals(r.path("name").asText()) && "path".equals(r.path("in").asText());
            }
            if (!declared) {
                faults.add(at + "path parameter " + name + " is not declared");
            }
        }
        // request body
        if (List.of("POST", "PUT", "PATCH").contains(op.method()) && !operation.path("x-seamless-no-body").asBoolean()) {
            JsonNode body = resolve(doc, operation.path("requestBody"));
            if (body.isMissingNode() || body.path("content").isEmpty()) {
                faults.add(at + "no request body schema");
            } else {
                body.path("content").fields().forEachRemaining(c -> {
                    if (!c.getValue().has("schema")) {
                        faults.add(at + "request body " + c.getKey() + " has no schema");
                    }
                });
            }
        }
        // responses: a success with a schema, a schema for every error, 401 where a credential is needed
        JsonNode responses = operation.path("responses");
        boolean success = false;
        for (Iterator<Map.Entry<String, JsonNode>> it = responses.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> r = it.next();
            JsonNode resolved = resolve(doc, r.getValue());
            boolean hasSchema = !resolved.path("content").isEmpty();
            for (JsonNode media : resolved.path("content")) {
                hasSchema &= media.has("schema");
            }
            if (r.getKey().startsWith("2")) {
                success = true;
                if (!r.getKey().equals("204") && !hasSchema) {
                    faults.add(at + "response " + r.getKey() + " has no schema");
                }
            } else if (!hasSchema) {
                faults.add(at + "error response " + r.getKey() + " has no schema");
            }
        }
        if (!success) {
            faults.add(at + "no success response");
        }
        if (secured && !responses.has("401")) {
            faults.add(at + "needs a credential but does not document 401");
        }
        // a named person with the wrong role (an AUDITOR replaying) or an agency credential is refused 403
        if (secured && op.document() != OpenApiDocuments.Document.AGENCY && !responses.has("403")) {
            faults.add(at + "is for named people but does not document 403 (wrong role)");
        }
    }

    private static Map<String, JsonNode> documentedPaths(JsonNode doc) {
        Map<String, JsonNode> out = new java.util.HashMap<>();
        doc.path("paths").fields().forEachRemaining(e -> out.put(normalised(e.getKey()), e.getValue()));
        return out;
    }

    private static String documentedPath(JsonNode doc, Operation op) {
        for (Iterator<String> it = doc.path("paths").fieldNames(); it.hasNext(); ) {
            String p = it.next();
            if (normalised(p).equals(normalised(op.path()))) {
                return p;
            }
        }
        return op.path();
    }

    static String normalised(String path) {
        return path.replaceAll("\\{[^}]*}", "{}");
    }

    private static JsonNode resolve(JsonNode doc, JsonNode node) {
        JsonNode n = node;
        while (n.has("$ref")) {
            n = doc.at(n.get("$ref").asText().substring(1));
        }
        return n;
    }

    // --- the generated client's journey ------------------------------------------------------------------

    @Test
    void aClientGeneratedFromTheDocumentDrivesTheWholeCharityJourney() throws Exception {
        TestNotices.Notice notice = TestNotices.discharge(2626);
        String nhs = notice.details().nhsNumber().value();
        ReferralsApi senderReferrals = new ReferralsApi(client(SENDER));
        ReferralsApi receiverReferrals = new ReferralsApi(client(RECEIVER));

        // record consent: the person agrees to be referred to the receiver, and to its outcome reaching the trust
        ConsentAccepted toReceiver = new ConsentsApi(client(SENDER)).recordConsent(consent(nhs, RECEIVER));
        ConsentAccepted toTrust = new ConsentsApi(client(RECEIVER)).recordConsent(consent(nhs, TestEnvironment.TRUST));
        // and to the receiver's outcome going back to the referring charity
        new ConsentsApi(client(RECEIVER)).recordConsent(consent(nhs, SENDER));
        assertThat(toReceiver.getDuplicate()).isFalse();
        assertThat(toTrust.getReference()).isNotBlank();
        await().atMost(WAIT).until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM consent_record WHERE nhs_index = ?",
                Integer.class, atRest.index(org.seamless.privacy.consent.JdbcConsentRegistry.NHS_COLUMN, nhs)) >= 3);

        // send a referral
        Accepted sent = senderReferrals.submitReferral(new ReferralSubmission().to(RECEIVER).service("befriending")
                .addNeedsItem("shopping").priority(ReferralSubmission.PriorityEnum.ROUTINE).notes("Lives alone")
                .person(new Person().nhsNumber(nhs).givenName(notice.details().givenName())
                        .familyName(notice.details().familyName()).birthDate(notice.details().birthDate())
                        .gender(Person.GenderEnum.FEMALE)
                        .address(new PersonAddress().addLinesItem("1 Test Street").city("Leeds").postcode("LS1 4AP"))),
                "journey-" + UUID.randomUUID());
        String referralId = sent.getReferralId();
        assertThat(sent.getDuplicate()).isFalse();

        // pull the inbox and acknowledge
        InboxItemsInner item = awaitInboxItem(receiverReferrals, referralId);
        assertThat(item.getBody()).containsEntry("type", "referral").containsEntry("identifiable", true);
        assertThat(item.getEventId()).isNotBlank();
        var ack = receiverReferrals.acknowledgeInbox(new AcknowledgeInboxRequest().cursor(item.getCursor()));
        assertThat(ack.getAcknowledged()).isGreaterThanOrEqualTo(1);
        assertThat(receiverReferrals.fetchInbox(0L, 100).getItems())
                .noneSatisfy(i -> assertThat(i.getBody()).containsEntry("referralId", referralId));

        // list and read
        assertThat(receiverReferrals.listReferrals().getReferrals())
                .anySatisfy(r -> assertThat(r.getReferralId()).isEqualTo(referralId));
        assertThat(senderReferrals.listReferrals().getReferrals()).anySatisfy(r -> {
            assertThat(r.getReferralId()).isEqualTo(referralId);
            assertThat(r.getRole()).hasToString("sent");
        });
        ReadReferral200Response read = receiverReferrals.readReferral(referralId);
        assertThat(read.getFrom()).isEqualTo(SENDER);
        assertThat(read.getReferral().getPerson().getNhsNumber()).isEqualTo(nhs);
        assertThat(read.getReferral().getService()).isEqualTo("befriending");

        // follow tracking: the sender sees the receiver's leg released
        TrackingApi senderTracking = new TrackingApi(client(SENDER));
        await().atMost(WAIT).ignoreException(ApiException.class).until(() -> leg(senderTracking
                .trackMessage(referralId, null), RECEIVER).getHistory().stream().anyMatch(s -> "released".equals(s.getState())));
        assertThat(senderTracking.trackMessage(referralId, null).getSource()).isEqualTo(SENDER);

        // report an outcome: on a home-from-hospital referral the hospital made, so it goes back to the trust
        assertThat(postMessage(ENV.apiKey(TestEnvironment.TRUST), "application/fhir+json", notice.json()).statusCode())
                .isEqualTo(200);
        String hfhId = ReferralMessages.derivedReferralId(notice.messageId(), RECEIVER);
        InboxItemsInner hfh = awaitInboxItem(receiverReferrals, hfhId);
        receiverReferrals.acknowledgeInbox(new AcknowledgeInboxRequest().cursor(hfh.getCursor()));
        Accepted outcome = receiverReferrals.submitOutcome(hfhId, new OutcomeSubmission()
                .status(OutcomeSubmission.StatusEnum.COMPLETED).outcome("support-provided")
                .reason("Weekly shopping for six weeks"), null);
        String outcomeId = outcome.getOutcomeId();
        assertThat(outcomeId).isNotBlank();
        TrackingApi receiverTracking = new TrackingApi(client(RECEIVER));
        await().atMost(WAIT).ignoreException(ApiException.class).until(() -> "delivered".equals(leg(receiverTracking
                .trackMessage(outcomeId, null), TestEnvironment.TRUST).getState()));
        assertThat(receiverReferrals.readReferral(hfhId).getStatus()).isEqualTo("completed");

        // report an outcome between two charities: on the sender's referral, so it goes back to the sender
        Accepted back = receiverReferrals.submitOutcome(referralId, new OutcomeSubmission()
                .status(OutcomeSubmission.StatusEnum.COMPLETED).outcome("support-provided")
                .reason("Befriending visits arranged"), "journey-" + UUID.randomUUID());
        String backId = back.getOutcomeId();
        assertThat(backId).isNotBlank().isNotEqualTo(outcomeId);
        await().atMost(WAIT).ignoreException(ApiException.class).until(() -> "outcome-received".equals(
                senderReferrals.readReferral(referralId).getStatus()));
        ReadReferral200Response seen = senderReferrals.readReferral(referralId);
        assertThat(seen.getOutcomeId()).isEqualTo(backId);
        assertThat(seen.getRole()).hasToString("sent");
        assertThat(receiverReferrals.readReferral(referralId).getStatus()).isEqualTo("completed");
        await().atMost(WAIT).ignoreException(ApiException.class).until(() -> "delivered".equals(leg(receiverTracking
                .trackMessage(backId, null), SENDER).getState()));
        InboxItemsInner outcomeItem = await().atMost(WAIT).ignoreException(ApiException.class).until(() -> senderReferrals
                .fetchInbox(0L, 100).getItems().stream().filter(i -> backId.equals(i.getBody().get("outcomeId")))
                .findFirst(), java.util.Optional::isPresent).orElseThrow();
        assertThat(outcomeItem.getBody()).containsEntry("type", "referral-outcome").containsEntry("referralId", referralId)
                .containsEntry("from", RECEIVER).containsEntry("outcome", "support-provided");
    }

    private InboxItemsInner awaitInboxItem(ReferralsApi api, String referralId) {
        return await().atMost(WAIT).ignoreException(ApiException.class).until(() -> {
            Inbox page = api.fetchInbox(0L, 100);
            return page.getItems().stream().filter(i -> referralId.equals(i.getBody().get("referralId"))).findFirst();
        }, java.util.Optional::isPresent).orElseThrow();
    }

    private static MessageTrackingRecipientsInner leg(MessageTracking t, String agency) {
        return t.getRecipients().stream().filter(l -> agency.equals(l.getAgency())).findFirst()
                .orElseThrow(() -> new AssertionError("no leg for " + agency + " yet"));
    }

    private static ConsentForm consent(String nhs, String recipient) {
        return new ConsentForm().nhsNumber(nhs).decision(ConsentForm.DecisionEnum.CONSENT)
                .purpose(ConsentForm.PurposeEnum.REFERRAL).recipient(new ConsentFormRecipient().agency(recipient))
                .reference("journey-" + UUID.randomUUID());
    }

    /** A generated client for an agency: its API key on every request, and no field the document does not declare. */
    private ApiClient client(String agency) {
        ApiClient c = new ApiClient();
        c.updateBaseUri("http://localhost:" + port);
        c.setRequestInterceptor(b -> b.header("X-API-Key", ENV.apiKey(agency)));
        c.setObjectMapper(c.getObjectMapper().copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true));
        return c;
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
