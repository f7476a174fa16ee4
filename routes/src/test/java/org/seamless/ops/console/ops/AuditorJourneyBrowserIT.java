package org.seamless.ops.console.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.seamless.adapters.spi.RejectedInputStore;
import org.seamless.ops.reliability.SinkCircuitBreakers;
import org.seamless.testsupport.TestEnvironment;
import org.seamless.ops.tracking.Quarantine;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Journey 3 (issue 15) in headless Chromium: an auditor sees the dashboard, dead letters, circuits,
 * quarantine and agencies, but no replay, quarantine-open, quarantine-delete or circuit control; and
 * each of those, posted directly with the auditor's valid session and CSRF token, is refused 403 with
 * nothing changed (the dead letter still parked, the item still kept, the circuit as it was, nothing
 * in the operations audit).
 */
class AuditorJourneyBrowserIT extends OperationsFixture {
    private static final Pattern CSRF = Pattern.compile("\"X-CSRF-TOKEN\": \"([^\"]+)\"");

    @Autowired
    Quarantine quarantine;

    @Autowired
    SinkCircuitBreakers breakers;

    @Test
    void anAuditorSeesTheOperationsPagesWithoutControlsAndIsRefusedEveryChange() throws Exception {
        startBrowser();
        String id = deadLetter(73_001);
        String item = quarantine.keep(new RejectedInputStore.Rejection(TestEnvironment.TRUST, "fhir", "not-parseable",
                "the body is not JSON", null, "application/fhir+json", "{oops".getBytes(StandardCharsets.UTF_8)));

        loginAs(TestEnvironment.AUDITOR);
        assertThat(browser.path()).isEqualTo("/console");
        browser.screenshot("ops-auditor-dashboard");

        browser.open("/console/dead-letters");
        assertThat(browser.text(By.cssSelector("tr[data-agency='" + TestEnvironment.LA_SOAP + "']")))
                .contains("waiting for a person");
        browser.screenshot("ops-auditor-dead-letters");
        browser.assertAccessible();
        browser.open("/console/dead-letters/" + TestEnvironment.LA_SOAP);
        assertThat(browser.text(By.cssSelector("tr[data-message-id='" + id + "']"))).contains("deadline-passed");
        assertThat(browser.driver().findElements(By.cssSelector("form[action*='/replay'], #replay-button, #reason,"
                + " input[type=checkbox]"))).as("no replay control").isEmpty();
        browser.screenshot("ops-auditor-dead-letter-agency");
        browser.assertAccessible();

        browser.open("/console/circuits");
        assertThat(browser.text(By.id("circuits"))).contains(TestEnvironment.LA_CSV);
        assertThat(browser.driver().findElements(By.cssSelector("#circuits form, #circuits button, #circuits input")))
                .as("no circuit control").isEmpty();
        browser.screenshot("ops-auditor-circuits");
        browser.assertAccessible();

        browser.open("/console/quarantine");
        assertThat(browser.text(By.cssSelector("tr[data-item='" + item + "']"))).contains("not-parseable");
        assertThat(browser.driver().findElements(By.cssSelector("#quarantine form, #quarantine button")))
                .as("no quarantine open or delete control").isEmpty();
        assertThat(browser.driver().getPageSource()).doesNotContain("{oops");
        browser.screenshot("ops-auditor-quarantine");
        browser.assertAccessible();

        browser.open("/console/agencies");
        assertThat(browser.text(By.id("agencies"))).contains(TestEnvironment.LA_SOAP);
        browser.screenshot("ops-auditor-agencies");
        browser.assertAccessible();

        // the same session and its valid CSRF token, posted directly
        String session = browser.cookie("JSESSIONID");
        Matcher m = CSRF.matcher(browser.driver().findElement(By.tagName("body")).getAttribute("hx-headers"));
        assertThat(m.find()).as("the page carries the session's CSRF token").isTrue();
        String token = m.group(1);
        String circuitBefore = breakers.state(TestEnvironment.LA_CSV).orElseThrow().state();
        List<String> refused = List.of(
                "/console/dead-letters/" + TestEnvironment.LA_SOAP + "/replay|messageId=" + id + "&reason=auditor+tries",
                "/console/quarantine/" + item + "/open|",
                "/console/quarantine/" + item + "/delete|reason=auditor+tries",
                "/console/circuits/" + TestEnvironment.LA_CSV + "/open|reason=auditor+tries",
                "/console/circuits/" + TestEnvironment.LA_CSV + "/close|reason=auditor+tries");
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
        for (String r : refused) {
            String[] parts = r.split("\\|", -1);
            HttpResponse<String> answer = post(http, parts[0], session, token, parts[1]);
            assertThat(answer.statusCode()).as("POST %s by an auditor", parts[0]).isEqualTo(403);
        }

        assertThat(parked()).as("the dead letter is still parked").contains(id);
        assertThat(deliveryStates(id, 1)).as("nothing replayed").isEmpty();
        assertThat(quarantine.read(item)).as("the item is still kept").isPresent();
        assertThat(breakers.state(TestEnvironment.LA_CSV).orElseThrow().state()).isEqualTo(circuitBefore);
        assertThat(breakers.state(TestEnvironment.LA_CSV).orElseThrow().heldOpenByHand()).isFalse();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM operator_action WHERE person = ? AND action IN"
                + " ('replay', 'quarantine-read', 'quarantine-delete', 'circuit-open', 'circuit-close')", Integer.class,
                TestEnvironment.AUDITOR)).as("nothing recorded: nothing was done").isZero();

        // the session and token were good: the same session signs out with them
        HttpResponse<String> signOut = post(http, "/console/logout", session, token, "");
        assertThat(signOut.statusCode()).isEqualTo(302);
        assertThat(signOut.headers().firstValue("Location").orElse("")).contains("/console/login");
    }

    private HttpResponse<String> post(HttpClient http, String path, String session, String token, String form)
            throws Exception {
        String body = "_csrf=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + (form.isEmpty() ? "" : "&" + form);
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Cookie", "JSESSIONID=" + session)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
