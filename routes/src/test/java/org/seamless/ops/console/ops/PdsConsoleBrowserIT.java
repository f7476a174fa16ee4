package org.seamless.ops.console.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.seamless.adapters.pds.TraceStore;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.testdata.TestNhsNumbers;
import org.seamless.ops.pds.JdbcTraceStore;
import org.seamless.testsupport.TestEnvironment;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The PDS tracing page (issue 20, ADR 0085) in headless Chromium, on the work queue an import keeps: two extracts of
 * the CSV council saved through the trace store as the import saves them (numbers sealed), one above the council's
 * minimum match rate (80 %) and one below it. An operator sees the match rates and the held rows (never a number),
 * is refused a resolution without a note, resolves a row with one and sees it leave the queue for the resolved list;
 * the database and the operations audit agree. An auditor sees the same page without a control and is refused the
 * resolution on the console and on the API; the API resolves for an operator, once.
 */
class PdsConsoleBrowserIT extends OperationsFixture {
    private static final Pattern CSRF = Pattern.compile("\"X-CSRF-TOKEN\": \"([^\"]+)\"");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ABOVE = "a1".repeat(32);
    private static final String BELOW = "b2".repeat(32);

    @Autowired
    JdbcTraceStore store;

    private final List<String> numbers = new ArrayList<>();

    @BeforeEach
    void twoTracedExtracts() {
        jdbc.update("DELETE FROM pds_trace");
        List<NhsNumber> n = TestNhsNumbers.distinct(85_001, 12);
        n.forEach(x -> numbers.add(x.value()));
        List<TraceStore.Traced> above = new ArrayList<>();
        long line = 2;
        for (int i = 0; i < 3; i++) {
            above.add(new TraceStore.Traced(line++, TraceStore.Outcome.VERIFIED, null));
        }
        above.add(new TraceStore.Traced(line++, TraceStore.Outcome.SUPERSEDED, n.get(0)));
        for (int i = 1; i <= 8; i++) {
            above.add(new TraceStore.Traced(line++, TraceStore.Outcome.TRACED, n.get(i)));
        }
        above.add(new TraceStore.Traced(line++, TraceStore.Outcome.NO_MATCH, null)); // line 14
        above.add(new TraceStore.Traced(line++, TraceStore.Outcome.MULTIPLE_MATCHES, null)); // line 15
        above.add(new TraceStore.Traced(line, TraceStore.Outcome.NOT_FOUND, null)); // line 16
        store.save(TestEnvironment.LA_CSV, ABOVE, "alerts-full-20261205.csv", above);
        store.save(TestEnvironment.LA_CSV, BELOW, "alerts-full-20261206.csv", List.of(
                new TraceStore.Traced(2, TraceStore.Outcome.TRACED, n.get(9)),
                new TraceStore.Traced(3, TraceStore.Outcome.NO_MATCH, null),
                new TraceStore.Traced(4, TraceStore.Outcome.NO_MATCH, null)));
    }

    @AfterEach
    void clearTraces() {
        jdbc.update("DELETE FROM pds_trace");
    }

    @Test
    void anOperatorSeesTheMatchRatesAndResolvesAHeldRowWithANote() {
        loginAs(TestEnvironment.OPERATOR);
        browser.submit(By.linkText("PDS tracing"));
        assertThat(browser.path()).isEqualTo("/console/pds");
        // 9 traced of 13 searched (8 of 10, then 1 of 3): 69.2 %; the second extract is below the minimum of 80 %
        WebElement rates = browser.find(By.cssSelector("#match-rates tr[data-agency='" + TestEnvironment.LA_CSV + "']"));
        assertThat(rates.findElements(By.tagName("td"))).extracting(WebElement::getText).containsExactly(
                "3", "1", "9", "3", "1", "1", "5", "69.2% (9 of 13 searched)", "80.0%", "1");
        List<WebElement> held = browser.driver().findElements(By.cssSelector("#work-queue tbody tr"));
        assertThat(held).hasSize(5);
        String row = PdsPages.rowId(TestEnvironment.LA_CSV, ABOVE, 15L);
        assertThat(browser.text(By.id(row))).contains(TestEnvironment.LA_CSV).contains("alerts-full-20261205.csv")
                .contains("15").contains("Several matches in PDS");
        String page = browser.driver().getPageSource();
        assertThat(numbers).as("no NHS number on the page").noneMatch(page::contains);
        browser.screenshot("pds-work-queue");
        browser.assertAccessible();

        // no note: refused, with the error summary, nothing changed
        browser.submit(By.id("resolve-" + row));
        assertThat(browser.text(By.cssSelector(".nhsuk-error-summary")))
                .contains("Enter a note saying how the record was resolved");
        assertThat(browser.text(By.id("note-" + row + "-error"))).contains("Enter a note");
        browser.screenshot("pds-resolve-no-note");
        browser.assertAccessible();
        assertThat(resolvedBy(ABOVE, 15)).isEmpty();
        assertThat(audit("pds-resolve", TestEnvironment.LA_CSV + "/" + ABOVE + "/15")).isEmpty();

        browser.find(By.id("note-" + row)).sendKeys("record corrected at source; resent in next extract");
        browser.submit(By.id("resolve-" + row));
        assertThat(browser.path()).isEqualTo("/console/pds");
        assertThat(browser.text(By.id("done"))).contains("resolved");
        assertThat(browser.driver().findElements(By.id(row))).as("out of the work queue").isEmpty();
        assertThat(browser.driver().findElements(By.cssSelector("#work-queue tbody tr"))).hasSize(4);
        assertThat(browser.text(By.id("resolved-" + row))).contains("15").contains(TestEnvironment.OPERATOR)
                .contains("record corrected at source; resent in next extract");
        assertThat(browser.text(By.cssSelector("#match-rates tr[data-agency='" + TestEnvironment.LA_CSV
                + "'] .pds-held-open"))).isEqualTo("4");
        browser.screenshot("pds-resolved");
        browser.assertAccessible();

        assertThat(resolvedBy(ABOVE, 15)).containsExactly(TestEnvironment.OPERATOR);
        assertThat(jdbc.queryForObject("SELECT resolution_note FROM pds_trace WHERE file_digest = ? AND line = 15",
                String.class, ABOVE)).isEqualTo("record corrected at source; resent in next extract");
        assertThat(audit("pds-resolve", TestEnvironment.LA_CSV + "/" + ABOVE + "/15")).singleElement().satisfies(r ->
                assertThat(r).containsEntry("person", TestEnvironment.OPERATOR).containsEntry("outcome", "resolved")
                        .containsEntry("reason", "record corrected at source; resent in next extract"));
    }

    @Test
    void anAuditorSeesThePageWithoutControlsAndOnlyAnOperatorResolvesOnTheApi() throws Exception {
        loginAs(TestEnvironment.AUDITOR);
        browser.open("/console/pds");
        assertThat(browser.driver().findElements(By.cssSelector("#work-queue tbody tr"))).hasSize(5);
        assertThat(browser.driver().findElements(By.cssSelector("#work-queue form, #work-queue button, #work-queue input")))
                .as("no resolve control").isEmpty();
        browser.screenshot("pds-auditor");
        browser.assertAccessible();

        // the auditor's session and valid CSRF token, posted directly: refused, nothing changed
        String session = browser.cookie("JSESSIONID");
        Matcher m = CSRF.matcher(browser.driver().findElement(By.tagName("body")).getAttribute("hx-headers"));
        assertThat(m.find()).isTrue();
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
        String form = "_csrf=" + URLEncoder.encode(m.group(1), StandardCharsets.UTF_8) + "&agencyId="
                + TestEnvironment.LA_CSV + "&fileDigest=" + BELOW + "&line=3&note=auditor+tries";
        assertThat(http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/console/pds/resolve"))
                .timeout(Duration.ofSeconds(30)).header("Cookie", "JSESSIONID=" + session)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(403);
        String body = "{\"agencyId\": \"" + TestEnvironment.LA_CSV + "\", \"fileDigest\": \"" + BELOW
                + "\", \"line\": 3, \"note\": \"corrected at source\"}";
        assertThat(api(http, "POST", "/api/ops/pds/work-queue/resolve", TestEnvironment.AUDITOR, body).statusCode())
                .isEqualTo(403);
        assertThat(resolvedBy(BELOW, 3)).isEmpty();

        // an operator on the API: resolved once, then out of the open queue and in the resolved one
        HttpResponse<String> done = api(http, "POST", "/api/ops/pds/work-queue/resolve", TestEnvironment.OPERATOR, body);
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(JSON.readTree(done.body()).path("resolvedBy").asText()).isEqualTo(TestEnvironment.OPERATOR);
        HttpResponse<String> again = api(http, "POST", "/api/ops/pds/work-queue/resolve", TestEnvironment.OPERATOR, body);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(again.body()).path("type").asText()).endsWith("/already-resolved");
        JsonNode open = JSON.readTree(api(http, "GET", "/api/ops/pds/work-queue?agency=" + TestEnvironment.LA_CSV,
                TestEnvironment.AUDITOR, null).body()).path("held");
        assertThat(open).hasSize(4);
        assertThat(open.findValuesAsText("line")).doesNotContain("3");
        JsonNode resolved = JSON.readTree(api(http, "GET", "/api/ops/pds/work-queue?state=resolved",
                TestEnvironment.AUDITOR, null).body()).path("held");
        assertThat(resolved).singleElement().satisfies(r -> {
            assertThat(r.path("line").asLong()).isEqualTo(3);
            assertThat(r.path("resolvedBy").asText()).isEqualTo(TestEnvironment.OPERATOR);
            assertThat(r.path("resolutionNote").asText()).isEqualTo("corrected at source");
        });
        JsonNode agency = JSON.readTree(api(http, "GET", "/api/ops/pds/match-rates", TestEnvironment.AUDITOR, null)
                .body()).path("agencies").get(0);
        assertThat(agency.path("held").asLong()).as("a resolved row still counts as held by its extract").isEqualTo(5);
        assertThat(agency.path("heldOpen").asLong()).isEqualTo(4);
        assertThat(agency.path("minimumMatchRatePercent").asDouble()).isEqualTo(80.0);
        assertThat(agency.path("extractsHeldBelowMinimum").asLong()).isEqualTo(1);
        assertThat(api(http, "POST", "/api/ops/pds/work-queue/resolve", TestEnvironment.OPERATOR,
                body.replace("\"line\": 3", "\"line\": 2")).statusCode()).as("a traced row is not held").isEqualTo(404);
        assertThat(jdbc.queryForList("SELECT outcome FROM operator_action WHERE action = 'pds-resolve' AND target = ?"
                + " ORDER BY id", String.class, TestEnvironment.LA_CSV + "/" + BELOW + "/3"))
                .containsExactly("resolved", "already-resolved");
    }

    private List<String> resolvedBy(String digest, long line) {
        return jdbc.queryForList("SELECT resolved_by FROM pds_trace WHERE file_digest = ? AND line = ?"
                + " AND resolved_at IS NOT NULL", String.class, digest, line);
    }

    private HttpResponse<String> api(HttpClient http, String method, String path, String person, String body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", ENV.basic(person)).method(method, body == null
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String baseUrl() {
        return "http://localhost:" + port;
    }
}
