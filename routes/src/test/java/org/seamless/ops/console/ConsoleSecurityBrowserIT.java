package org.seamless.ops.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.Context;
import org.apache.catalina.Session;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.seamless.testsupport.TestEnvironment;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Journey 4 of issue 15: a wrong password, an expired session and a cross-site form post are refused and
 * change nothing; the console's pages carry its security headers.
 */
class ConsoleSecurityBrowserIT extends ConsoleBrowserTestBase {
    @Autowired
    ServletWebServerApplicationContext context;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aWrongPasswordIsRefused() throws Exception {
        browser.loginAs(TestEnvironment.OPERATOR, "not-" + ENV.password(TestEnvironment.OPERATOR));

        assertThat(browser.path()).startsWith("/console/login");
        assertThat(browser.text(By.id("sign-in-error"))).contains("The account name or password is not right");
        assertThat(browser.driver().getPageSource()).doesNotContain(ENV.password(TestEnvironment.OPERATOR));
        browser.screenshot("login-refused");
        browser.assertAccessible();
        browser.open("/console");
        assertThat(browser.path()).as("not signed in").startsWith("/console/login");
        assertThat(logins(TestEnvironment.OPERATOR)).isZero();

        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/console/login")).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("frame-ancestors 'none'").contains("script-src 'self'").doesNotContain("unsafe");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.body()).as("no inline script or style in the page")
                .doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>").doesNotContain("<style").doesNotContain(" style=");
    }

    @Test
    void anExpiredSessionIsRefused() {
        loginAs(TestEnvironment.AUDITOR);
        assertThat(browser.path()).isEqualTo("/console");
        assertThat(browser.text(By.id("console-role"))).contains("AUDITOR");
        Session session = tomcatSession(browser.cookie("JSESSIONID"));
        assertThat(session.getMaxInactiveInterval()).as("the default idle timeout, 15 minutes").isEqualTo(900);

        session.expire(); // what Tomcat does once the session has idled for its timeout

        browser.open("/console");
        assertThat(browser.path()).startsWith("/console/login");
        assertThat(browser.text(By.id("session-expired"))).contains("idle too long");
        assertThat(browser.driver().findElements(By.id("console-person"))).isEmpty();
    }

    @Test
    void aCrossSiteFormPostIsRefusedAndChangesNothing() throws Exception {
        loginAs(TestEnvironment.OPERATOR);
        assertThat(browser.path()).isEqualTo("/console");
        String cookie = "JSESSIONID=" + browser.cookie("JSESSIONID");

        // with the session cookie but no CSRF token, and with a forged one: refused
        for (String body : new String[] {"", "_csrf=forged-token"}) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/console/logout"))
                    .header("Cookie", cookie).header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Origin", "http://attacker.invalid")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as("POST with body '%s'", body).isEqualTo(403);
        }

        // a page on another origin that posts a form to the console as soon as it loads
        HttpServer attacker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String page = "<!DOCTYPE html><html lang=en><title>x</title><body>"
                + "<form id=f method=post action='" + baseUrl() + "/console/logout'></form>"
                + "<script>document.getElementById('f').submit()</script></body></html>";
        attacker.createContext("/", exchange -> {
            byte[] bytes = page.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        attacker.start();
        try {
            browser.driver().get("http://127.0.0.1:" + attacker.getAddress().getPort() + "/");
            browser.waitUntil(d -> d.getCurrentUrl().startsWith(baseUrl()));
        } finally {
            attacker.stop(0);
        }

        // nothing happened: still signed in, no sign-out recorded
        browser.open("/console");
        assertThat(browser.path()).isEqualTo("/console");
        assertThat(browser.text(By.id("console-person"))).contains(TestEnvironment.OPERATOR);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM operator_action WHERE person = ? AND action = ?",
                Integer.class, TestEnvironment.OPERATOR, "console-logout")).isZero();
        assertThat(logins(TestEnvironment.OPERATOR)).isPositive();

        // the console's own sign-out form (with its token) works and is recorded
        browser.signOut();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM operator_action WHERE person = ? AND action = ?",
                Integer.class, TestEnvironment.OPERATOR, "console-logout")).isOne();
    }

    private int logins(String person) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM operator_action WHERE person = ? AND action = ?",
                Integer.class, person, "console-login");
    }

    private Session tomcatSession(String id) {
        TomcatWebServer server = (TomcatWebServer) context.getWebServer();
        Context web = (Context) server.getTomcat().getHost().findChildren()[0];
        try {
            Session s = web.getManager().findSession(id);
            assertThat(s).as("the browser's session on the server").isNotNull();
            return s;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

}
