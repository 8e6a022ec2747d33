package io.steward.webui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.SessionNotCreatedException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium per test class, driven by Selenium, for the web pages. Register it with
 * {@code @RegisterExtension static final Browser browser = new Browser();} and set its base URL
 * once the class's TestServer runs. Every page reached through {@link #open} or {@link #submit}
 * is checked by axe-core against the WCAG 2.1 A and AA rules, and a violation fails the test. A
 * failing test leaves a screenshot and the page source in {@code target/browser-failures/}.
 */
public final class Browser implements BeforeAllCallback, AfterAllCallback, TestWatcher {
    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final List<String> WCAG = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");
    private static final String AXE = resource("web/axe.min.js");

    private ChromeDriver driver;
    private String base;
    private final List<String> audited = new ArrayList<>();

    @Override
    public void beforeAll(ExtensionContext context) {
        driver = start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (driver != null) driver.quit();
        driver = null;
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        if (driver == null) return;
        try {
            Path dir = Path.of("target", "browser-failures");
            Files.createDirectories(dir);
            String name = context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName();
            Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            Files.writeString(dir.resolve(name + ".html"), driver.getCurrentUrl() + "\n" + driver.getPageSource());
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    /**
     * Starts Chromium the way a CI box without a display and running as root needs: headless
     * (new mode), no sandbox, no /dev/shm (small in containers), a fixed window so layouts and
     * screenshots are the same everywhere; one retry, since a cold first start can time out.
     */
    private static ChromeDriver start() {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,900", "--no-first-run", "--disable-extensions", "--lang=en-US");
        SessionNotCreatedException last = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                var service = new ChromeDriverService.Builder().usingDriverExecutable(new java.io.File(CHROMEDRIVER))
                        .withTimeout(Duration.ofSeconds(60)).build();
                var d = new ChromeDriver(service, options);
                d.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(30));
                return d;
            } catch (SessionNotCreatedException e) {
                last = e;
            }
        }
        throw last;
    }

    public Browser base(String baseUrl) {
        this.base = baseUrl;
        return this;
    }

    public ChromeDriver driver() { return driver; }

    /** Goes to a path of the server and checks the page it lands on. */
    public Browser open(String path) {
        driver.get(base + path);
        return audit();
    }

    /** Fills the fields (by id) and submits the form of the last one; checks the page that follows. */
    public Browser fill(String id, String value) {
        WebElement e = driver.findElement(By.id(id));
        e.clear();
        e.sendKeys(value);
        return this;
    }

    /** Clicks a button or link (by CSS selector) that loads a new page, then checks that page. */
    public Browser submit(String selector) {
        var before = driver.findElement(By.tagName("html"));
        driver.findElement(By.cssSelector(selector)).click();
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> {
            try {
                before.isEnabled();
                return false;
            } catch (org.openqa.selenium.StaleElementReferenceException gone) {
                return true;
            } catch (org.openqa.selenium.WebDriverException e) {
                // Chromium sometimes reports the old page's node this way instead of as stale.
                if (String.valueOf(e.getMessage()).contains("does not belong to the document")) return true;
                throw e;
            }
        });
        return audit();
    }

    public String path() {
        String url = driver.getCurrentUrl();
        return url.startsWith(base) ? url.substring(base.length()) : url;
    }

    public String text(String selector) {
        return driver.findElement(By.cssSelector(selector)).getText();
    }

    public Optional<WebElement> find(String selector) {
        return driver.findElements(By.cssSelector(selector)).stream().findFirst();
    }

    public String heading() { return text("h1"); }

    /** Paths of the pages axe checked so far (tests assert they visited what they meant to). */
    public List<String> audited() { return List.copyOf(audited); }

    /**
     * Runs axe-core in the page (WebDriver's script injection is not subject to the page's CSP)
     * and fails on any WCAG 2.1 A/AA violation, naming the rule and the elements.
     */
    public Browser audit() {
        var js = (JavascriptExecutor) driver;
        if (!Boolean.TRUE.equals(js.executeScript("return typeof window.axe !== 'undefined'"))) js.executeScript(AXE);
        Object raw = js.executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
                + ".then(function (r) { done(JSON.stringify(r.violations)); }, function (e) { done('ERROR ' + e); });", WCAG);
        String result = String.valueOf(raw);
        assertThat(result).as("axe-core ran on %s", path()).doesNotStartWith("ERROR");
        JsonNode violations;
        try {
            violations = Json.MAPPER.readTree(result);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var problems = new ArrayList<String>();
        for (JsonNode v : violations) {
            var targets = new ArrayList<String>();
            v.path("nodes").forEach(n -> targets.add(n.path("target").toString() + " " + n.path("failureSummary").asText("")));
            problems.add(v.path("id").asText() + " (" + v.path("impact").asText() + "): " + v.path("help").asText() + " at " + targets);
        }
        assertThat(problems).as("WCAG 2.1 A/AA violations on %s", path()).isEmpty();
        audited.add(path());
        return this;
    }

    private static String resource(String name) {
        try (InputStream in = Browser.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing test resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
