package org.checkersmtp.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.checkersmtp.testsupport.ZoneDnsServer;
import org.checkersmtp.testsupport.realservers.PostfixInstance;
import org.checkersmtp.testsupport.realservers.PostfixInstance.Personality;
import org.checkersmtp.testsupport.realservers.RealServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Permalinks in a real browser (Debian's Chromium, headless) against a real Postfix: Alice signs in and
 * checks a domain (the page's script streams the check); a second browser without a session opens the
 * permalink and meets "No such result"; Alice makes it public (the second browser reads it), private again
 * (404 again); her history lists it; the Postfix is restarted without STARTTLS and a second check opens with
 * that change named; deleted, the first result is gone for Alice too.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "checker.security.users[0].username=alice",
    "checker.security.users[0].password={noop}alice-secret",
    "checker.targets.allow-private=true",
    "checker.probe.result-cache=0s",
})
@DirtiesContext
class ResultsBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String ADDRESS = "127.0.0.81";

    private static ZoneDnsServer dns;
    private static PostfixInstance postfix;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) throws Exception {
        dns = new ZoneDnsServer(String.join("\n",
                "changing.test. 300 IN MX 10 mx.changing.test.",
                "mx.changing.test. 300 IN A " + ADDRESS));
        registry.add("checker.dns.servers", dns::address);
    }

    @AfterAll
    static void stopServers() {
        if (postfix != null) {
            postfix.close();
        }
        dns.close();
    }

    @LocalServerPort
    int port;

    private final List<WebDriver> browsers = new ArrayList<>();
    private final List<Path> profiles = new ArrayList<>();

    private WebDriver browser() throws Exception {
        RealServers.require(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "chromium and chromium-driver are not installed");
        Path profile = Files.createTempDirectory("checker-chromium-");
        profiles.add(profile);
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless",
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir=" + profile,
                "--window-size=1280,900");
        WebDriver browser = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build(), options);
        browsers.add(browser);
        return browser;
    }

    @AfterEach
    void stopBrowsers() {
        browsers.forEach(WebDriver::quit);
        profiles.forEach(RealServers::deleteRecursively);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private void signIn(WebDriver browser) {
        browser.get(url("/check"));
        browser.findElement(By.id("username")).sendKeys("alice");
        browser.findElement(By.id("password")).sendKeys("alice-secret");
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().endsWith("/check"));
    }

    /** Checks the domain with the form (its script streams the check) and returns the result's permalink. */
    private String check(WebDriver browser) {
        browser.get(url("/check"));
        browser.findElement(By.id("domain")).sendKeys("changing.test");
        browser.findElement(By.cssSelector("#check-form button[type=submit]")).click();
        WebElement link = new WebDriverWait(browser, Duration.ofSeconds(120))
                .until(d -> d.findElements(By.id("permalink-link")).stream().findFirst().orElse(null));
        return link.getAttribute("href");
    }

    private static String heading(WebDriver browser) {
        return browser.findElement(By.tagName("h1")).getText();
    }

    /** Submits an owner's form and waits for the page it leads to. */
    private static void click(WebDriver browser, String id) {
        WebElement button = browser.findElement(By.id(id));
        button.click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.stalenessOf(button));
    }

    @Test
    void privateByDefault_sharedOnPurpose_listed_comparedWithThePreviousCheck_thenDeleted() throws Exception {
        postfix = PostfixInstance.start(Personality.GOOD, ADDRESS, "changing.test", false);
        WebDriver alice = browser();
        WebDriver stranger = browser();
        signIn(alice);

        String permalink = check(alice);
        assertThat(permalink).matches(url("/r/[A-Za-z0-9_-]{22}"));
        stranger.get(permalink);
        assertThat(heading(stranger)).isEqualTo("No such result");

        alice.get(permalink);
        assertThat(heading(alice)).isEqualTo("Result for changing.test");
        click(alice, "make-public");
        assertThat(alice.findElements(By.id("make-private"))).hasSize(1);
        stranger.navigate().refresh();
        assertThat(heading(stranger)).isEqualTo("Result for changing.test");
        assertThat(stranger.findElements(By.id("owner-actions"))).isEmpty();

        // A link to one endpoint of the report (inside its frame) scrolls the page to it, opened afresh or not.
        stranger.get(url("/login"));
        stranger.get(permalink + "#endpoint-mx.changing.test-" + ADDRESS);
        new WebDriverWait(stranger, Duration.ofSeconds(10)).until(d -> ((Number) ((JavascriptExecutor) d)
                .executeScript("return window.scrollY")).intValue() > 200);
        stranger.switchTo().frame(stranger.findElement(By.cssSelector("iframe.report")));
        assertThat(stranger.findElement(By.id("endpoint-mx.changing.test-" + ADDRESS)).getText())
                .startsWith("mx.changing.test (" + ADDRESS + ")");
        stranger.switchTo().defaultContent();
        ((JavascriptExecutor) stranger).executeScript("window.scrollTo(0, 0); location.hash = '#finding-x'");
        stranger.get(permalink + "#endpoint-mx.changing.test-" + ADDRESS);
        new WebDriverWait(stranger, Duration.ofSeconds(10)).until(d -> ((Number) ((JavascriptExecutor) d)
                .executeScript("return window.scrollY")).intValue() > 200);

        click(alice, "make-private");
        stranger.navigate().refresh();
        assertThat(heading(stranger)).isEqualTo("No such result");

        alice.get(url("/r"));
        assertThat(alice.findElements(By.cssSelector("#history tbody a"))).extracting(e -> e.getAttribute("href"))
                .containsExactly(permalink);

        postfix.close();
        postfix = PostfixInstance.start(Personality.NO_TLS, ADDRESS, "changing.test", false);
        String second = check(alice);
        assertThat(second).isNotEqualTo(permalink);
        WebElement changes = alice.findElement(By.id("changes"));
        assertThat(changes.findElement(By.id("previous-link")).getAttribute("href")).isEqualTo(permalink);
        assertThat(changes.findElements(By.tagName("li"))).extracting(WebElement::getText)
                .contains("mx.changing.test/" + ADDRESS + ": STARTTLS no longer offered");

        alice.get(permalink);
        click(alice, "delete");
        assertThat(alice.getCurrentUrl()).endsWith("/r?deleted");
        alice.get(permalink);
        assertThat(heading(alice)).isEqualTo("No such result");
        alice.get(second);
        assertThat(heading(alice)).isEqualTo("Result for changing.test");
    }
}
