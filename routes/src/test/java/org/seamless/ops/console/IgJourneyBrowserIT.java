package org.seamless.ops.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.seamless.ops.console.ig.IgConsole;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.testdata.TestNhsNumbers;
import org.seamless.privacy.identify.Subject;
import org.seamless.privacy.ledger.EntryKind;
import org.seamless.privacy.ledger.JdbcLedger;
import org.seamless.privacy.ledger.LedgerEntry;
import org.seamless.privacy.record.SubjectIndex;
import org.seamless.testsupport.TestEnvironment;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Browser journey 2 (issue 15): an IG lead searches a person by NHS number, sees exactly the deliveries the
 * ledger holds for them, downloads the report as PDF (its text checked) and their consent history; the
 * number never appears in a URL, a file name or the log; an auditor sees the ledger's status but no person
 * search, and an operator is refused the IG page and a person search posted directly. Also the messages
 * pages (search, next page, timeline). Every page: a screenshot under target/ and no serious or critical
 * axe-core violation.
 */
@ExtendWith(OutputCaptureExtension.class)
class IgJourneyBrowserIT extends ConsoleBrowserTestBase {
    @Autowired
    JdbcLedger ledger;
    @Autowired
    SubjectIndex index;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void anIgLeadSeesExactlyTheLedgersDeliveriesForAPersonAndDownloadsThemAsPdf(CapturedOutput output) throws Exception {
        List<NhsNumber> people = TestNhsNumbers.distinct(2_015_053L, 2);
        NhsNumber person = people.get(0);
        String subject = index.indexOf(Subject.identified(person));
        String other = index.indexOf(Subject.identified(people.get(1)));
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(2));
        String[] outcomes = {"RELEASE_IDENTIFIABLE", "RELEASE_PSEUDONYMISED", "WITHHOLD", "RELEASE_IDENTIFIABLE"};
        for (int i = 0; i < 6; i++) {
            leg("j2-" + i, "la-journey-" + (i % 3), i == 4 ? other : subject, outcomes[i % 4], i != 3,
                    t0.plusSeconds(300L * i));
        }
        List<Map<String, Object>> expected = jdbc.queryForList("SELECT seq, recipient_agency, message_id, outcome"
                + " FROM ledger_entry WHERE subject_index = ? AND (entry_kind = 'RELEASE' OR (entry_kind = 'DECISION'"
                + " AND outcome = 'WITHHOLD')) ORDER BY occurred_at, seq", subject);
        assertThat(expected).hasSize(5);

        loginAs(TestEnvironment.IG_LEAD);
        browser.open("/console/ig");
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Information governance");
        assertThat(browser.find(By.id("ledger-verification")).getText()).isNotBlank();
        browser.screenshot("ig");
        browser.assertAccessible();

        // a wrong check digit: a clear error, the field keeps the input for correction, nothing in the URL
        String bad = TestNhsNumbers.badCheckDigit(new Random(53));
        browser.find(By.id("nhsNumber-disclosures")).sendKeys(bad);
        browser.submit(By.id("report-button"));
        assertThat(browser.text(By.cssSelector(".nhsuk-error-summary"))).contains("check digit");
        assertThat(browser.path()).doesNotContain(bad);
        browser.screenshot("ig-error");
        browser.assertAccessible();

        WebElement field = browser.find(By.id("nhsNumber-disclosures"));
        field.clear();
        field.sendKeys(person.formatted());
        browser.submit(By.id("report-button"));
        browser.find(By.id("report-table"));
        assertThat(browser.path()).isEqualTo("/console/ig/disclosures");
        List<WebElement> lines = browser.driver().findElements(By.cssSelector("tr.report-line"));
        assertThat(lines).extracting(l -> Long.parseLong(l.getAttribute("data-ledger-seq")))
                .containsExactlyElementsOf(expected.stream().map(r -> ((Number) r.get("seq")).longValue()).toList());
        for (int i = 0; i < expected.size(); i++) {
            WebElement line = lines.get(i);
            Map<String, Object> row = expected.get(i);
            assertThat(line.findElement(By.cssSelector(".report-recipient")).getText()).contains((String) row.get("recipient_agency"));
            assertThat(line.findElement(By.cssSelector(".report-message")).getText()).contains((String) row.get("message_id"));
            assertThat(line.findElement(By.cssSelector(".report-decision")).getText()).contains(switch ((String) row.get("outcome")) {
                case "WITHHOLD" -> "withheld";
                case "RELEASE_PSEUDONYMISED" -> "pseudonymised";
                default -> "released";
            });
        }
        assertThat(browser.text(By.id("report-table"))).doesNotContain("j2-4");
        browser.screenshot("ig-report");
        browser.assertAccessible();

        // the PDF: the page's own form posted again with the browser's session and CSRF token
        String csrf = browser.find(By.cssSelector("#pdf-form input[name=_csrf]")).getAttribute("value");
        HttpResponse<byte[]> pdf = post("/console/ig/disclosures/pdf", browser.cookie("JSESSIONID"),
                "nhsNumber=" + URLEncoder.encode(person.formatted(), StandardCharsets.UTF_8) + "&_csrf=" + csrf);
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/pdf"));
        String disposition = pdf.headers().firstValue("Content-Disposition").orElseThrow();
        assertThat(disposition).startsWith("attachment").contains("disclosure-report-")
                .doesNotContain(person.value()).doesNotContain(person.formatted());
        assertThat(pdf.headers().firstValue("Cache-Control")).hasValueSatisfying(c -> assertThat(c).contains("no-store"));
        try (var doc = Loader.loadPDF(pdf.body())) {
            String text = new PDFTextStripper().getText(doc);
            for (Map<String, Object> row : expected) {
                assertThat(text).contains((String) row.get("message_id")).contains((String) row.get("recipient_agency"));
            }
            assertThat(text).doesNotContain("Message j2-4,").contains(TestEnvironment.IG_LEAD);
        }

        browser.open("/console/ig");
        browser.find(By.id("nhsNumber-consents")).sendKeys(person.value());
        browser.find(By.id("consent-button")).click();
        browser.waitUntil(d -> !d.findElements(By.id("consents-empty")).isEmpty()
                || !d.findElements(By.id("consents-table")).isEmpty());
        assertThat(browser.path()).isEqualTo("/console/ig/consents");
        browser.screenshot("ig-consents");
        browser.assertAccessible();

        assertThat(jdbc.queryForList("SELECT action FROM operator_action WHERE person = ?", String.class,
                TestEnvironment.IG_LEAD)).contains(IgConsole.REPORT_ACTION, IgConsole.PDF_ACTION, IgConsole.CONSENT_ACTION);
        assertThat(jdbc.queryForList("SELECT target FROM operator_action", String.class))
                .noneMatch(t -> t != null && (t.contains(person.value()) || t.contains(bad)));
        assertThat(output.getAll()).doesNotContain(person.value()).doesNotContain(person.formatted()).doesNotContain(bad);
    }

    @Test
    void anAuditorSeesTheLedgerButNoPersonSearchAndAnOperatorIsRefused() throws Exception {
        NhsNumber person = TestNhsNumbers.distinct(2_015_054L, 1).get(0);
        loginAs(TestEnvironment.AUDITOR);
        browser.open("/console/ig");
        assertThat(browser.find(By.id("no-person-search")).getText()).contains("IG leads only");
        assertThat(browser.driver().findElements(By.id("report-form"))).isEmpty();
        browser.submit(By.id("verify-button"));
        assertThat(browser.find(By.id("ledger-verification")).getText()).contains("Intact");
        browser.screenshot("ig-auditor");
        browser.assertAccessible();
        String csrf = browser.find(By.cssSelector("form input[name=_csrf]")).getAttribute("value");
        HttpResponse<byte[]> refused = post("/console/ig/disclosures", browser.cookie("JSESSIONID"),
                "nhsNumber=" + person.value() + "&_csrf=" + csrf);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(new String(refused.body(), StandardCharsets.UTF_8)).doesNotContain(person.value());
        assertThat(post("/console/ig/disclosures/pdf", browser.cookie("JSESSIONID"),
                "nhsNumber=" + person.value() + "&_csrf=" + csrf).statusCode()).isEqualTo(403);
        browser.signOut();

        loginAs(TestEnvironment.OPERATOR);
        browser.open("/console/messages");
        String operatorCsrf = browser.find(By.cssSelector("form input[name=_csrf]")).getAttribute("value");
        HttpResponse<byte[]> page = get("/console/ig", browser.cookie("JSESSIONID"));
        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(post("/console/ig/disclosures", browser.cookie("JSESSIONID"),
                "nhsNumber=" + person.value() + "&_csrf=" + operatorCsrf).statusCode()).isEqualTo(403);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM operator_action WHERE action LIKE 'console-disclosure%'"
                + " AND person IN (?, ?)", Integer.class, TestEnvironment.AUDITOR, TestEnvironment.OPERATOR)).isZero();
    }

    @Test
    void anOperatorSearchesMessagesPagesOnAndOpensATimeline() {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(3));
        for (int i = 0; i < 30; i++) {
            String id = "j2-msg-" + i;
            jdbc.update("INSERT INTO inbound_receipt (source_agency, message_id, payload_digest, event_code, received_at)"
                    + " VALUES (?, ?, 'd', 'discharge-notice', ?)", TestEnvironment.TRUST, id, Timestamp.from(t0.plusSeconds(60L * i)));
            leg(id, "la-journey-0", "subject-msgs", i % 10 == 0 ? "WITHHOLD" : "RELEASE_IDENTIFIABLE", i % 3 != 0,
                    t0.plusSeconds(60L * i + 1));
        }
        loginAs(TestEnvironment.OPERATOR);
        browser.open("/console/messages");
        new org.openqa.selenium.support.ui.Select(browser.find(By.id("agency"))).selectByValue(TestEnvironment.TRUST);
        new org.openqa.selenium.support.ui.Select(browser.find(By.id("event"))).selectByValue("discharge-notice");
        browser.submit(By.id("search-button"));
        browser.find(By.id("results-heading"));
        List<String> first = ids();
        assertThat(first).hasSize(25).startsWith("j2-msg-29", "j2-msg-28");
        browser.screenshot("messages");
        browser.assertAccessible();

        browser.submit(By.id("next-page"));
        assertThat(ids()).containsExactly("j2-msg-4", "j2-msg-3", "j2-msg-2", "j2-msg-1", "j2-msg-0");

        browser.submit(By.linkText("j2-msg-3"));
        browser.find(By.cssSelector("h1"));
        assertThat(browser.text(By.tagName("h1"))).contains("j2-msg-3");
        assertThat(browser.text(By.id("maincontent"))).contains("validated").contains("decided")
                .contains("Care Act 2014 Sch. 3").contains("released");
        browser.screenshot("message-timeline");
        browser.assertAccessible();
    }

    private List<String> ids() {
        return browser.driver().findElements(By.cssSelector("#maincontent tbody tr td:nth-child(2) a")).stream()
                .map(WebElement::getText).toList();
    }

    private HttpResponse<byte[]> post(String path, String session, String form) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(30))
                .header("Cookie", "JSESSIONID=" + session)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<byte[]> get(String path, String session) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(30))
                .header("Cookie", "JSESSIONID=" + session).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private void leg(String messageId, String recipient, String subject, String outcome, boolean acknowledged,
                     Instant at) {
        ledger.append(entry(EntryKind.DECISION, messageId, recipient, subject, outcome, at));
        if (!"WITHHOLD".equals(outcome)) {
            ledger.append(entry(EntryKind.RELEASE, messageId, recipient, subject, outcome, at.plusMillis(10)));
            if (acknowledged) {
                ledger.append(entry(EntryKind.ACKNOWLEDGEMENT, messageId, recipient, subject, "DELIVERED", at.plusMillis(20)));
            }
        }
    }

    private static LedgerEntry entry(EntryKind kind, String messageId, String recipient, String subject, String outcome,
                                     Instant at) {
        boolean decided = kind != EntryKind.ACKNOWLEDGEMENT;
        return new LedgerEntry(0, kind, messageId, recipient, 0, "discharge-notice", TestEnvironment.TRUST, subject,
                outcome, decided ? "care-act-notices" : null, decided ? "direct-care" : null,
                decided ? "Care Act 2014 Sch. 3" : null, null, null, decided ? "demographics,encounter" : null, null,
                at, at, null);
    }
}
