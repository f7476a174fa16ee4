package org.seamless.ops.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.seamless.testsupport.TestEnvironment;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Console sign-in through an OpenID Connect provider (issue 14 item 3, ADR 0051), against a provider made
 * inside this test ({@link TestOidcIssuer}: its signing key and Seamless's client secret generated for this run).
 */
class ConsoleOidcLoginIT extends ConsoleBrowserTestBase {
    static final String CLIENT_ID = "seamless-console";
    static final String CLIENT_SECRET = TestEnvironment.randomSecret();
    static final TestOidcIssuer ISSUER = TestOidcIssuer.start(CLIENT_ID, CLIENT_SECRET);

    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void oidc(DynamicPropertyRegistry registry) {
        registry.add("seamless.security.oidc.issuer-uri", ISSUER::issuer);
        registry.add("seamless.security.oidc.client-id", () -> CLIENT_ID);
        registry.add("seamless.security.oidc.client-secret", () -> CLIENT_SECRET);
        registry.add("seamless.security.oidc.role-claim", () -> "groups");
        registry.add("seamless.security.oidc.roles.seamless-operators", () -> "OPERATOR");
        registry.add("seamless.security.oidc.roles.seamless-ig", () -> "IG_LEAD");
    }

    @AfterAll
    static void stopIssuer() {
        ISSUER.close();
    }

    @Test
    void aPersonInTheOperatorsGroupSignsInAsOperatorAndIsRecorded() {
        ISSUER.signInNext(new TestOidcIssuer.User("subject-1", "nora-operator", List.of("staff", "seamless-operators")));
        browser.open("/console/login");
        browser.screenshot("login-with-oidc");
        browser.assertAccessible();

        browser.find(By.id("oidc-sign-in")).click();
        browser.waitUntil(d -> browser.path().equals("/console"));

        assertThat(browser.text(By.id("console-person"))).contains("nora-operator");
        assertThat(browser.text(By.id("console-role"))).contains("OPERATOR");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM operator_action WHERE person = ? AND person_role = ? "
                + "AND action = ?", Integer.class, "nora-operator", "OPERATOR", "console-login")).isOne();
    }

    @Test
    void aConfiguredPersonsNameGivesTheirRole() {
        ISSUER.signInNext(new TestOidcIssuer.User("subject-2", TestEnvironment.IG_LEAD, List.of("staff")));
        browser.open("/console/login");
        browser.find(By.id("oidc-sign-in")).click();
        browser.waitUntil(d -> browser.path().equals("/console"));

        assertThat(browser.text(By.id("console-role"))).contains("IG_LEAD");
    }

    @Test
    void aPersonWithNoMappedRoleIsRefused() {
        ISSUER.signInNext(new TestOidcIssuer.User("subject-3", "pat-porter", List.of("staff", "estates")));
        browser.open("/console/login");
        browser.find(By.id("oidc-sign-in")).click();
        browser.waitUntil(d -> browser.path().startsWith("/console/login?"));

        assertThat(browser.text(By.id("sign-in-norole"))).contains("no role in Seamless");
        browser.screenshot("login-oidc-no-role");
        browser.assertAccessible();
        browser.open("/console");
        assertThat(browser.path()).as("not signed in").startsWith("/console/login");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM operator_action WHERE person = ?", Integer.class,
                "pat-porter")).isZero();
    }

    @Test
    void anIdTokenSignedWithAnotherKeyIsRefused() {
        ISSUER.signInNext(new TestOidcIssuer.User("subject-4", "mallory-operator", List.of("seamless-operators")));
        ISSUER.tamperNext();
        browser.open("/console/login");
        browser.find(By.id("oidc-sign-in")).click();
        browser.waitUntil(d -> browser.path().startsWith("/console/login?"));

        assertThat(browser.driver().findElements(By.id("sign-in-oidc-error"))).isNotEmpty();
        browser.open("/console");
        assertThat(browser.path()).as("not signed in").startsWith("/console/login");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM operator_action WHERE person = ?", Integer.class,
                "mallory-operator")).isZero();
    }
}
