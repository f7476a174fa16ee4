package org.seamless.ops.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium driven by Selenium for the console's browser tests (issue 15, ADR 0051).
 *
 * <p>Chromium and its driver are Debian's {@code chromium} and {@code chromium-driver}
 * ({@code /usr/bin/chromium}, {@code /usr/bin/chromedriver}; other paths with the system properties
 * {@code seamless.test.chromium} and {@code seamless.test.chromedriver}). Both are set explicitly, so
 * Selenium Manager never downloads anything. Where they are missing the test is skipped with the reason,
 * except under {@code CI=true}, where it fails ({@code .ci/run} installs them).
 *
 * <p>Use: {@code try (BrowserSupport browser = BrowserSupport.start(baseUrl))} or through
 * {@link ConsoleBrowserTestBase}; then {@link #open}, {@link #loginAs}, {@link #screenshot} (into
 * {@code target/console-screenshots/}) and {@link #assertAccessible()} (axe-core, no serious or critical
 * violation).
 */
public final class BrowserSupport implements AutoCloseable {
    public static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final String AXE = "/console/axe-4.14.1.min.js";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final String baseUrl;
    private final ChromeDriver driver;
    private final Path profile;

    private BrowserSupport(String baseUrl, ChromeDriver driver, Path profile) {
        this.baseUrl = baseUrl;
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts a fresh headless Chromium (its own empty profile) for pages under {@code baseUrl}. */
    public static BrowserSupport start(String baseUrl) {
        Path chromium = Path.of(System.getProperty("seamless.test.chromium", "/usr/bin/chromium"));
        Path chromedriver = Path.of(System.getProperty("seamless.test.chromedriver", "/usr/bin/chromedriver"));
        if (!Files.isExecutable(chromium) || !Files.isExecutable(chromedriver)) {
            String reason = "no headless browser for the console's browser tests: needs " + chromium + " and "
                    + chromedriver + " (Debian: apt-get install chromium chromium-driver; .ci/run installs them)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail("CI=true but " + reason);
            }
            Assumptions.abort(reason);
        }
        Path profile;
        try {
            profile = Files.createTempDirectory("seamless-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1024", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .withSilent(true)
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60)).scriptTimeout(Duration.ofSeconds(60));
        driver.manage().window().setSize(new Dimension(1280, 1024));
        return new BrowserSupport(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl,
                driver, profile);
    }

    public WebDriver driver() {
        return driver;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** Opens a path of the application ({@code /console/...}). */
    public BrowserSupport open(String path) {
        driver.get(baseUrl + path);
        return this;
    }

    /** The path of the page shown now (without the origin). */
    public String path() {
        String url = driver.getCurrentUrl();
        return url.startsWith(baseUrl) ? url.substring(baseUrl.length()) : url;
    }

    /**
     * Signs in through the console's sign-in page and waits until it has answered (on the dashboard, the page
     * the person was going to, or the sign-in page again with its error).
     */
    public BrowserSupport loginAs(String account, String password) {
        open("/console/login");
        driver.findElement(By.id("username")).sendKeys(account);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.cssSelector("#sign-in button[type=submit]")).click();
        waitUntil(d -> !path().startsWith("/console/login") || !d.findElements(By.id("sign-in-error")).isEmpty());
        return this;
    }

    /** Signs out with the header's button. */
    public BrowserSupport signOut() {
        driver.findElement(By.id("sign-out")).click();
        waitUntil(d -> path().startsWith("/console/login"));
        return this;
    }

    public WebElement find(By by) {
        return new WebDriverWait(driver, WAIT).until(ExpectedConditions.presenceOfElementLocated(by));
    }

    public String text(By by) {
        return find(by).getText();
    }

    /**
     * Clicks what loads another page (a form's button, a link) and waits until the browser has left the page
     * it was on, so that what is read next (the path, an error summary, the server's state the click changed)
     * is from the answer, not from the page before it.
     */
    public void submit(By button) {
        WebElement page = driver.findElement(By.tagName("html"));
        find(button).click();
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.stalenessOf(page));
    }

    /** Waits (up to 20 s) until the condition holds on the current page. */
    public void waitUntil(java.util.function.Function<WebDriver, Boolean> condition) {
        new WebDriverWait(driver, WAIT).until(condition::apply);
    }

    /** The value of a cookie the browser holds for the application (e.g. {@code JSESSIONID}), or null. */
    public String cookie(String name) {
        Cookie c = driver.manage().getCookieNamed(name);
        return c == null ? null : c.getValue();
    }

    /** Saves what the browser shows as {@code target/console-screenshots/<name>.png} for a reviewer. */
    public Path screenshot(String name) {
        if (!name.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("screenshot names are letters, digits, '-' and '_'");
        }
        try {
            Files.createDirectories(SCREENSHOTS);
            Path to = SCREENSHOTS.resolve(name + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), to, StandardCopyOption.REPLACE_EXISTING);
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs axe-core (WCAG 2.0/2.1/2.2 A and AA rules and axe's best practices) on the page shown now and
     * answers its serious and critical violations, one line each: impact, rule, help, where.
     */
    @SuppressWarnings("unchecked")
    public List<String> accessibilityViolations() {
        JavascriptExecutor js = driver;
        js.executeScript(axeSource());
        Object result = js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']})
                  .then(r => done(r.violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => v.impact + ' ' + v.id + ': ' + v.help + ' at '
                      + v.nodes.slice(0, 5).map(n => n.target.join(' ')).join(', '))))
                  .catch(e => done(['axe failed: ' + e]));
                """);
        return (List<String>) result;
    }

    /** Fails, listing them, if the page shown now has a serious or critical accessibility violation. */
    public BrowserSupport assertAccessible() {
        List<String> violations = accessibilityViolations();
        assertThat(violations).as("serious or critical accessibility violations (axe-core) on %s", path()).isEmpty();
        return this;
    }

    private static String axeSource() {
        try (InputStream in = Objects.requireNonNull(BrowserSupport.class.getResourceAsStream(AXE), AXE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temporary profile left behind is harmless
            }
        }
    }

    /** For tests that take screenshots by hand. */
    public TakesScreenshot camera() {
        return driver;
    }
}
