package org.seamless.ops.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.UUID;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.seamless.app.broker.BrokerUsers;
import org.seamless.mappings.canonical.BrokerHeaders;
import org.seamless.mappings.testdata.TestNotices;
import org.seamless.testsupport.TestEnvironment;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The dashboard shows, per agency, what arrived, what was released, the last delivery, and marks red the
 * agency whose dead letters need a person.
 */
class ConsoleDashboardBrowserIT extends ConsoleBrowserTestBase {
    @Autowired
    BrokerUsers users;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theDashboardShowsTrafficAndMarksRedWhereAPersonIsNeeded() throws Exception {
        TestNotices.Notice notice = TestNotices.discharge(151);
        assertThat(postMessage(ENV.apiKey(TestEnvironment.TRUST), "application/fhir+json", notice.json()).statusCode())
                .isBetween(200, 299);
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM delivery "
                + "WHERE recipient_agency = ? AND state = 'DELIVERED'", Integer.class, TestEnvironment.LA_CSV) > 0);
        String poison = UUID.randomUUID().toString();
        try (Connection c = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + ENV.brokerPort(), BrokerUsers.HUB,
                users.password(BrokerUsers.HUB)).createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue("agency." + TestEnvironment.LA_CSV + ".outbound"));
            Message m = s.createTextMessage("this is not a FHIR bundle");
            m.setStringProperty(BrokerHeaders.MESSAGE_ID, poison);
            m.setStringProperty(BrokerHeaders.SOURCE_AGENCY, TestEnvironment.TRUST);
            m.setStringProperty(BrokerHeaders.REPLAY_GENERATION, "0");
            p.send(m);
        }

        loginAs(TestEnvironment.AUDITOR);
        browser.waitUntil(d -> {
            d.navigate().refresh();
            return !d.findElements(By.cssSelector("#agency-" + TestEnvironment.LA_CSV + " .console-dead-letters")).isEmpty();
        });

        String council = browser.text(By.id("agency-" + TestEnvironment.LA_CSV));
        assertThat(council).contains("1 dead letter waiting");
        assertThat(browser.find(By.id("agency-" + TestEnvironment.LA_CSV)).getAttribute("class"))
                .contains("console-needs-person-row");
        assertThat(browser.text(By.id("needs-person"))).contains("1 agency needs a person");
        String trust = browser.text(By.id("agency-" + TestEnvironment.TRUST));
        assertThat(trust).as("received from the trust, last hour / last day").contains("1 / 1");
        assertThat(council).as("released to the council, last hour / last day").contains("1 / 1")
                .doesNotContain("none yet").contains("UTC");
        assertThat(browser.find(By.id("agency-" + TestEnvironment.CHARITY)).getAttribute("class"))
                .doesNotContain("console-needs-person-row");
        browser.screenshot("dashboard-dead-letter");
        browser.assertAccessible();
    }
}
