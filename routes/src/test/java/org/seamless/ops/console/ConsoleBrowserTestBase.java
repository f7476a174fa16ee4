package org.seamless.ops.console;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.seamless.testsupport.SeamlessTestBase;
import org.seamless.testsupport.TestEnvironment;

/**
 * Base for the console's browser tests: the whole application on a random port (as every
 * {@link SeamlessTestBase}), its named people with passwords generated for this run
 * ({@link TestEnvironment#OPERATOR}, {@link TestEnvironment#IG_LEAD}, {@link TestEnvironment#AUDITOR},
 * {@link TestEnvironment#OTHER_OPERATOR}), and a fresh headless Chromium per test ({@link #browser}).
 */
public abstract class ConsoleBrowserTestBase extends SeamlessTestBase {
    protected BrowserSupport browser;

    @BeforeEach
    void startBrowser() {
        browser = BrowserSupport.start("http://localhost:" + port);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    /** Signs the person in (one of {@link TestEnvironment}'s people) through the sign-in page. */
    protected BrowserSupport loginAs(String person) {
        return browser.loginAs(person, ENV.password(person));
    }

    /** The base URL of the running application. */
    protected String baseUrl() {
        return "http://localhost:" + port;
    }
}
