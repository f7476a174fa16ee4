package org.seamless.ops.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.seamless.testsupport.TestEnvironment;
import org.seamless.testsupport.SharedContext;

/** The console's shell: sign in, the layout's header and navigation, accessible pages. */
@SharedContext
class ConsoleLayoutBrowserIT extends ConsoleBrowserTestBase {

    @Test
    void anOperatorSignsInAndSeesTheDashboardWithTheirNameAndRole() {
        browser.open("/console");
        assertThat(browser.path()).as("a page of the console asks for sign-in first").startsWith("/console/login");
        browser.screenshot("login");
        browser.assertAccessible();

        loginAs(TestEnvironment.OPERATOR);

        assertThat(browser.path()).isEqualTo("/console");
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Dashboard");
        assertThat(browser.text(By.id("console-person"))).contains(TestEnvironment.OPERATOR).contains("OPERATOR");
        assertThat(browser.driver().findElements(By.cssSelector(".nhsuk-header__navigation-link")))
                .extracting(e -> e.getText().strip())
                .containsExactly("Dashboard", "Messages", "Dead letters", "Circuits", "Quarantine", "Agencies", "PDS tracing", "IG");
        assertThat(browser.find(By.cssSelector("[aria-current=page]")).getText()).contains("Dashboard");
        browser.screenshot("dashboard");
        browser.assertAccessible();

        browser.signOut();
        assertThat(browser.driver().findElements(By.id("signed-out"))).isNotEmpty();
        browser.open("/console");
        assertThat(browser.path()).as("signed out: the console asks for sign-in again").startsWith("/console/login");
    }
}
