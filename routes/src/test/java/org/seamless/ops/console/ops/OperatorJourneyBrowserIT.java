package org.seamless.ops.console.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.seamless.adapters.spi.RejectedInputStore;
import org.seamless.ops.reliability.ItkCaseSystemServer;
import org.seamless.ops.reliability.SinkCircuitBreakers;
import org.seamless.testsupport.TestEnvironment;
import org.seamless.ops.tracking.Quarantine;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Journey 1 (issue 15) in headless Chromium: an operator signs in, finds a real dead letter (a notice the
 * SOAP council's system could not take before its deadline), opens it, is refused a replay without a reason,
 * replays it with one, and watches the page show the new generation delivered; the database agrees. Then
 * the other operations pages as an operator: circuits (opened and closed by hand), quarantine (an item
 * opened and deleted) and agencies, each with a screenshot and the axe-core check.
 */
class OperatorJourneyBrowserIT extends OperationsFixture {
    @Autowired
    Quarantine quarantine;

    @Autowired
    SinkCircuitBreakers breakers;

    @Test
    void anOperatorReplaysADeadLetterWithAReasonAndSeesItDelivered() throws Exception {
        startBrowser();
        String id = deadLetter(72_001);
        CASE_SYSTEM.mode(ItkCaseSystemServer.Mode.UP); // the council's system is back

        loginAs(TestEnvironment.OPERATOR);
        assertThat(browser.path()).isEqualTo("/console");
        // the dashboard shows the agency's dead letter, red, as needing a person
        assertThat(browser.find(By.cssSelector("#agency-" + TestEnvironment.LA_SOAP + " .console-dead-letters .nhsuk-tag--red"))
                .getText()).isNotBlank().isNotEqualTo("0");
        browser.screenshot("ops-journey1-dashboard");
        browser.find(By.linkText("Dead letters")).click();
        WebElement row = browser.find(By.cssSelector("#dead-letter-agencies tr[data-agency='" + TestEnvironment.LA_SOAP + "']"));
        assertThat(row.getText()).contains("waiting for a person").contains("deadline-passed");
        browser.screenshot("ops-dead-letters");
        browser.assertAccessible();

        browser.submit(By.cssSelector("#dead-letter-agencies tr[data-agency='" + TestEnvironment.LA_SOAP + "'] a"));
        assertThat(browser.path()).isEqualTo("/console/dead-letters/" + TestEnvironment.LA_SOAP);
        WebElement parkedRow = browser.find(By.cssSelector("tr[data-message-id='" + id + "']"));
        assertThat(parkedRow.getText()).contains(id).contains("deadline-passed").contains("discharge-notice");
        browser.screenshot("ops-dead-letter-agency");
        browser.assertAccessible();

        // no reason: refused, with the error summary, nothing replayed
        parkedRow.findElement(By.cssSelector("input[type=checkbox]")).click();
        browser.submit(By.id("replay-button"));
        assertThat(browser.text(By.cssSelector(".nhsuk-error-summary"))).contains("Enter a reason for the replay");
        assertThat(browser.find(By.id("reason-error")).getText()).contains("Enter a reason for the replay");
        browser.screenshot("ops-replay-no-reason");
        browser.assertAccessible();
        assertThat(audit("replay", id)).isEmpty();
        assertThat(parked()).contains(id);

        WebElement box = browser.find(By.cssSelector("tr[data-message-id='" + id + "'] input[type=checkbox]"));
        assertThat(box.isSelected()).as("the selection is kept").isTrue();
        browser.find(By.id("reason")).sendKeys("INC-42 council ITK gateway restored");
        browser.submit(By.id("replay-button"));

        assertThat(browser.path()).startsWith("/console/dead-letters/" + TestEnvironment.LA_SOAP + "/replays");
        String delivered = ".replay-progress[data-message-id='" + id + "'] tr[data-recipient='" + TestEnvironment.LA_SOAP
                + "'][data-generation='1'][data-state='delivered']";
        browser.waitUntil(d -> !d.findElements(By.cssSelector(delivered)).isEmpty());
        assertThat(browser.text(By.cssSelector(delivered))).contains("delivered");
        browser.waitUntil(d -> !d.findElements(By.cssSelector(".replay-progress[data-settled='true']")).isEmpty());
        browser.screenshot("ops-replay-delivered");
        browser.assertAccessible();

        assertThat(deliveryStates(id, 1)).containsExactly("DELIVERED");
        assertThat(jdbc.queryForList("SELECT outcome FROM ledger_entry WHERE message_id = ? AND recipient_agency = ?"
                + " AND replay_generation = 1 AND entry_kind = 'ACKNOWLEDGEMENT'", String.class, id,
                TestEnvironment.LA_SOAP)).containsExactly("DELIVERED");
        assertThat(CASE_SYSTEM.actionsPerMessage()).containsEntry(id, 1);
        assertThat(parked()).doesNotContain(id);
        assertThat(audit("replay", id)).singleElement().satisfies(r -> assertThat(r)
                .containsEntry("person", TestEnvironment.OPERATOR).containsEntry("person_role", "OPERATOR")
                .containsEntry("reason", "INC-42 council ITK gateway restored"));
    }

    @Test
    void theOtherOperationsPagesWorkForAnOperator() {
        String item = quarantine.keep(new RejectedInputStore.Rejection(TestEnvironment.TRUST, "fhir", "not-parseable",
                "the body is not JSON", null, "application/fhir+json", "{\"resourceType\": oops".getBytes(
                        StandardCharsets.UTF_8)));
        loginAs(TestEnvironment.OPERATOR);

        // circuits: open by hand (refused without a reason first), then close
        browser.open("/console/circuits");
        browser.screenshot("ops-circuits");
        browser.assertAccessible();
        browser.find(By.id("open-" + TestEnvironment.LA_CSV)).click();
        assertThat(browser.text(By.cssSelector(".nhsuk-error-summary"))).contains("Enter a reason for opening the circuit");
        browser.assertAccessible();
        assertThat(breakers.state(TestEnvironment.LA_CSV).orElseThrow().state()).isEqualTo("CLOSED");
        browser.find(By.id("reason-" + TestEnvironment.LA_CSV)).sendKeys("council upgrade tonight");
        browser.find(By.id("open-" + TestEnvironment.LA_CSV)).click();
        assertThat(browser.text(By.id("done"))).contains("open");
        assertThat(browser.text(By.cssSelector("tr[data-agency='" + TestEnvironment.LA_CSV + "']")))
                .contains("Open: not delivering").contains("held open by hand");
        assertThat(breakers.state(TestEnvironment.LA_CSV).orElseThrow().heldOpenByHand()).isTrue();
        browser.screenshot("ops-circuit-open");
        browser.assertAccessible();
        browser.find(By.id("reason-" + TestEnvironment.LA_CSV)).sendKeys("upgrade done");
        browser.submit(By.id("close-" + TestEnvironment.LA_CSV));
        assertThat(breakers.state(TestEnvironment.LA_CSV).orElseThrow().state()).isEqualTo("CLOSED");
        assertThat(audit("circuit-open", TestEnvironment.LA_CSV)).extracting(r -> r.get("reason"))
                .contains("council upgrade tonight");

        // quarantine: the item with reason and edge, opened (decrypted, recorded), then deleted with a reason
        browser.open("/console/quarantine");
        assertThat(browser.text(By.cssSelector("tr[data-item='" + item + "']"))).contains("not-parseable").contains("fhir");
        browser.screenshot("ops-quarantine");
        browser.assertAccessible();
        browser.find(By.id("open-" + item)).click();
        assertThat(browser.text(By.id("quarantine-payload"))).isEqualTo("{\"resourceType\": oops");
        browser.screenshot("ops-quarantine-item");
        browser.assertAccessible();
        assertThat(audit("quarantine-read", item)).singleElement().satisfies(r -> assertThat(r)
                .containsEntry("person", TestEnvironment.OPERATOR));
        browser.open("/console/quarantine");
        browser.find(By.id("delete-" + item)).click();
        assertThat(browser.text(By.cssSelector(".nhsuk-error-summary"))).contains("Enter a reason for deleting the item");
        assertThat(quarantine.read(item)).isPresent();
        browser.find(By.id("reason-" + item)).sendKeys("supplier test message");
        browser.find(By.id("delete-" + item)).click();
        assertThat(browser.text(By.id("done"))).contains("deleted");
        assertThat(browser.driver().findElements(By.cssSelector("tr[data-item='" + item + "']"))).isEmpty();
        assertThat(quarantine.read(item)).isEmpty();

        // agencies: the registry, no secret shown
        browser.open("/console/agencies");
        assertThat(browser.text(By.id("agencies"))).contains(TestEnvironment.LA_SOAP).contains("la-soap");
        browser.screenshot("ops-agencies");
        browser.assertAccessible();
        browser.submit(By.linkText(TestEnvironment.CHARITY));
        String page = browser.driver().getPageSource();
        assertThat(page).contains(AgencyDirectory.REDACTED);
        for (String secret : List.of(ENV.webhookSecret(), ENV.apiKey(TestEnvironment.CHARITY),
                org.seamless.adapters.spi.AgencyAuthenticator.sha256Hex(ENV.apiKey(TestEnvironment.CHARITY)))) {
            assertThat(page).doesNotContain(secret);
        }
        browser.screenshot("ops-agency");
        browser.assertAccessible();
    }
}
