package org.checkersmtp.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.checkersmtp.json.GoJson;
import org.checkersmtp.results.ResultStore;
import org.checkersmtp.results.ResultSummary;
import org.checkersmtp.testsupport.ScriptedSmtpServer;
import org.checkersmtp.testsupport.ZoneDnsServer;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Wait;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Every page for people, in Chromium, judged by axe-core against WCAG 2.1 A and AA: sign-in (with its
 * notices), the form, the form with an error, the progress while a slow server greets, the result, the
 * report of its frame and on its own (the benchmarks' 20-endpoint observation through /report), the 429
 * page, the domains page (empty, a domain to prove, a verification that found nothing, an invalid domain), the
 * stored result's pages (owner, public reader, "My checks" and its notice of a deletion, missing, unreadable), the error page of a page path
 * (404, 400) and the sign-in after sign-out, in both colour schemes for the latter. Any violation fails, and all
 * of them are printed. Then the whole flow by keyboard alone, on to making the result public.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "checker.security.users[0].username=alice",
    "checker.security.users[0].password={noop}alice-secret",
    "checker.security.users[1].username=bob",
    "checker.security.users[1].password={noop}bob-secret",
    "checker.security.users[2].username=dana",
    "checker.security.users[2].password={noop}dana-secret",
    "checker.security.users[3].username=erin",
    "checker.security.users[3].password={noop}erin-secret",
    "checker.targets.allow-private=true",
    "checker.rate-limit.user-per-minute=1",
    "checker.rate-limit.ip-per-minute=20",
    // A provider's button on the sign-in page (never followed here: OidcSignInTest signs in through one).
    "spring.security.oauth2.client.registration.example.client-name=Example SSO",
    "spring.security.oauth2.client.registration.example.client-id=checker-smtp",
    "spring.security.oauth2.client.registration.example.client-secret=secret",
    "spring.security.oauth2.client.registration.example.authorization-grant-type=authorization_code",
    "spring.security.oauth2.client.registration.example.redirect-uri={baseUrl}/login/oauth2/code/{registrationId}",
    "spring.security.oauth2.client.registration.example.scope=openid,profile,email",
    "spring.security.oauth2.client.provider.example.authorization-uri=http://127.0.0.1:9/authorize",
    "spring.security.oauth2.client.provider.example.token-uri=http://127.0.0.1:9/token",
    "spring.security.oauth2.client.provider.example.jwk-set-uri=http://127.0.0.1:9/jwks",
})
@DirtiesContext
class AccessibilityTest {

    private static final Duration GREET_PAUSE = Duration.ofSeconds(3);
    private static final Path TWENTY_ENDPOINTS = Path.of("src/bench/resources/observations/twenty-endpoints.json");

    private static ZoneDnsServer dns;
    private static ScriptedSmtpServer slow;

    /** slow.test, keys.test, dark.test and stored.test (one each test: no result cached by another): one MX (127.0.0.71) that pauses before its banner, then refuses relaying. */
    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) throws Exception {
        dns = new ZoneDnsServer(String.join("\n",
                "slow.test. 300 IN MX 10 mx.slow.test.",
                "keys.test. 300 IN MX 10 mx.slow.test.",
                "dark.test. 300 IN MX 10 mx.slow.test.",
                "stored.test. 300 IN MX 10 mx.slow.test.",
                "mx.slow.test. 300 IN A 127.0.0.71"));
        slow = ScriptedSmtpServer.builder().address(InetAddress.getByName("127.0.0.71")).port(0)
                .hostname("mx.slow.test").greeting("220 mx.slow.test ESMTP").greetPause(GREET_PAUSE)
                .starttls().reply("RCPT TO:<postmaster@example.com>", "554 5.7.1 Relay access denied").start();
        registry.add("checker.dns.servers", dns::address);
        registry.add("checker.smtp.port", slow::port);
    }

    @AfterAll
    static void stopServers() {
        slow.close();
        dns.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    ResultStore store;

    private Chromium chromium;
    private WebDriver browser;
    private Axe axe;
    private final Map<String, List<String>> violations = new LinkedHashMap<>();

    @BeforeEach
    void startBrowser() throws Exception {
        axe = new Axe();
        chromium = new Chromium();
        browser = chromium.browser;
    }

    @AfterEach
    void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private void judge(String page) {
        violations.put(page, axe.violations(browser));
    }

    /** A wait that reads the page again when it was replaced under it (a form posted, the next page loading). */
    private Wait<WebDriver> waiting(Duration timeout) {
        return new WebDriverWait(browser, timeout, Duration.ofMillis(50)).ignoring(StaleElementReferenceException.class);
    }

    private String progressStep() {
        return (String) ((JavascriptExecutor) browser).executeScript(
                "var s = document.querySelector('#progress-table tbody .step'); return s ? s.textContent : null;");
    }

    @Test
    void noPageHasAnAccessibilityViolation() throws Exception {
        for (String notice : List.of("", "?error", "?logout", "?provider-error=invalid_id_token")) {
            browser.get(url("/login" + notice));
            judge("sign-in" + notice);
        }
        assertThat(browser.findElement(By.cssSelector(".providers a")).getText()).isEqualTo("Sign in with Example SSO");
        browser.findElement(By.id("username")).sendKeys("alice");
        browser.findElement(By.id("password")).sendKeys("alice-secret");
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        waiting(Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().endsWith("/check"));
        judge("form");

        browser.findElement(By.id("domain")).sendKeys("not a domain");
        browser.findElement(By.cssSelector("#check-form button[type=submit]")).click();
        waiting(Duration.ofSeconds(10)).until(d -> !d.findElements(By.cssSelector("#form-error:not([hidden])")).isEmpty()
                || !d.findElements(By.cssSelector(".notice.error")).isEmpty());
        judge("form with an error");

        browser.get(url("/check"));
        browser.findElement(By.id("domain")).sendKeys("slow.test");
        browser.findElement(By.cssSelector("#check-form button[type=submit]")).click();
        waiting(Duration.ofSeconds(30)).until(d -> "banner".equals(progressStep()));
        judge("progress");
        assertThat(browser.findElement(By.id("progress-status")).getAttribute("role")).isEqualTo("status");

        waiting(Duration.ofSeconds(90)).until(d -> !d.findElements(By.id("result")).isEmpty());
        judge("result");
        // No script runs in the report's frame (sandboxed), axe's neither: its document is judged as a page.
        String framed = browser.findElement(By.cssSelector("iframe.report")).getAttribute("srcdoc");
        browser.get("about:blank");
        ((JavascriptExecutor) browser).executeScript("document.open(); document.write(arguments[0]); document.close();",
                framed);
        judge("the report of the result's frame");

        browser.get(url("/check"));
        browser.findElement(By.id("domain")).sendKeys("slow.test.");
        browser.findElement(By.cssSelector("#check-form button[type=submit]")).click();
        waiting(Duration.ofSeconds(30)).until(d -> d.getTitle().startsWith("Too many checks"));
        judge("429");

        browser.get(url("/domains"));
        judge("domains, none yet");
        browser.findElement(By.id("add-domain-name")).sendKeys("keys.test");
        browser.findElement(By.cssSelector("#add-domain button[type=submit]")).click();
        waiting(Duration.ofSeconds(10)).until(d -> !d.findElements(By.cssSelector("section.owned-domain")).isEmpty());
        judge("domains, one to prove");
        browser.findElement(By.cssSelector("section.owned-domain form[action$='/domains/verify'] button")).click();
        waiting(Duration.ofSeconds(10)).until(d -> !d.findElements(By.id("domains-error")).isEmpty());
        judge("domains, a verification that found nothing");
        browser.findElement(By.id("add-domain-name")).sendKeys("not a domain");
        browser.findElement(By.cssSelector("#add-domain button[type=submit]")).click();
        waiting(Duration.ofSeconds(10)).until(d -> d.findElement(By.id("domains-error")).getText().startsWith("option \"domain\""));
        judge("domains, an invalid domain");

        browser.get(reportAlone().toUri().toString());
        judge("/report of the 20-endpoint observation");
        ((JavascriptExecutor) browser).executeScript("document.querySelectorAll('details').forEach(d => d.open = true);");
        judge("/report of the 20-endpoint observation, every transcript open");

        assertThat(violations.values().stream().mapToInt(List::size).sum()).as(Axe.describe(violations)).isZero();
    }

    /** The pages follow the system's dark scheme (prefers-color-scheme): the same contrast there. */
    @Test
    void inTheDarkSchemeTooNoPageHasAnAccessibilityViolation() {
        ((ChromeDriver) browser).executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
        browser.get(url("/login?error"));
        assertThat(((JavascriptExecutor) browser).executeScript(
                "return matchMedia('(prefers-color-scheme: dark)').matches;")).isEqualTo(true);
        judge("dark sign-in");
        browser.findElement(By.id("username")).sendKeys("dana");
        browser.findElement(By.id("password")).sendKeys("dana-secret");
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        waiting(Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().endsWith("/check"));
        browser.findElement(By.cssSelector("details summary")).click();
        judge("dark form, advanced options open");
        browser.get(url("/r"));
        judge("dark My checks, none yet");
        browser.get(url("/check"));
        browser.findElement(By.id("domain")).sendKeys("dark.test");
        browser.findElement(By.cssSelector("#check-form button[type=submit]")).click();
        waiting(Duration.ofSeconds(30)).until(d -> "banner".equals(progressStep()));
        judge("dark progress");
        waiting(Duration.ofSeconds(90)).until(d -> !d.findElements(By.id("result")).isEmpty());
        judge("dark result");
        storedResultPages("dark ", "dana", "dark.test");
        assertThat(violations.values().stream().mapToInt(List::size).sum()).as(Axe.describe(violations)).isZero();
    }

    /** The stored result's pages: "My checks" empty, the check, then {@link #storedResultPages}. */
    @Test
    void noStoredResultPageHasAnAccessibilityViolation() {
        browser.get(url("/login"));
        browser.findElement(By.id("username")).sendKeys("erin");
        browser.findElement(By.id("password")).sendKeys("erin-secret");
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        waiting(Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().endsWith("/check"));
        browser.get(url("/r"));
        judge("My checks, none yet");
        browser.get(url("/check"));
        browser.findElement(By.id("domain")).sendKeys("stored.test");
        browser.findElement(By.cssSelector("#check-form button[type=submit]")).click();
        waiting(Duration.ofSeconds(90)).until(d -> !d.findElements(By.id("result")).isEmpty());
        storedResultPages("", "erin", "stored.test");
        assertThat(violations.values().stream().mapToInt(List::size).sum()).as(Axe.describe(violations)).isZero();
    }

    /**
     * From the result just shown, signed in as its owner: the permalink (private, then public), "My checks"
     * (all, one domain's, a domain without checks), a result that is not there, the error pages (an unknown
     * page, a 400); signed out: the sign-in page, the public result as a reader without a session, then the
     * same result with its stored copy damaged.
     */
    private void storedResultPages(String scheme, String owner, String domain) {
        String permalink = browser.findElement(By.id("permalink-link")).getAttribute("href");
        browser.get(permalink);
        judge(scheme + "/r/{id}, the owner's private result");
        WebElement makePublic = browser.findElement(By.id("make-public"));
        makePublic.click();
        waiting(Duration.ofSeconds(10)).until(ExpectedConditions.stalenessOf(makePublic));
        judge(scheme + "/r/{id}, the owner's public result");
        browser.get(url("/r"));
        judge(scheme + "My checks");
        browser.get(url("/r?domain=" + domain));
        judge(scheme + "My checks of " + domain);
        browser.get(url("/r?domain=none.test"));
        judge(scheme + "My checks of a domain without checks");
        browser.get(url("/r?deleted"));
        assertThat(browser.findElements(By.cssSelector("main .notice.ok[role=status]"))).hasSize(1);
        judge(scheme + "My checks, saying a result was deleted");
        browser.get(url("/r/AAAAAAAAAAAAAAAAAAAAAA"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("No such result");
        judge(scheme + "result-missing");
        browser.get(url("/check/no-such-page"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Page not found");
        judge(scheme + "error, an unknown page (404)");
        browser.get(url("/r?page=first"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Bad Request");
        judge(scheme + "error, a malformed parameter (400)");

        browser.get(permalink);
        WebElement signOut = browser.findElement(By.cssSelector(".session button[type=submit]"));
        signOut.click();
        waiting(Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().endsWith("/login?logout"));
        judge(scheme + "sign-in after sign-out");
        browser.get(permalink);
        assertThat(browser.findElements(By.id("owner-actions"))).isEmpty();
        judge(scheme + "/r/{id}, a public result read without a session");

        String id = permalink.substring(permalink.lastIndexOf('/') + 1);
        ResultSummary summary = store.index(owner).stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
        store.put(summary, "{\"id\":\"" + id + "\",\"observation\":[1,", Duration.ofHours(1));
        browser.get(permalink);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("This result cannot be shown");
        judge(scheme + "result-unreadable");
    }

    /** The bench's 20-endpoint observation, judged by /evaluate and drawn by /report, as a file to open. */
    private Path reportAlone() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        JsonNode observation = GoJson.mapper().readTree(Files.readString(TWENTY_ENDPOINTS));
        HttpResponse<String> evaluated = http.send(HttpRequest.newBuilder(URI.create(url("/evaluate")))
                .POST(HttpRequest.BodyPublishers.ofString(GoJson.mapper().writeValueAsString(
                        Map.of("observations", Map.of("smtp", observation), "options", Map.of())))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(evaluated.statusCode()).isEqualTo(200);
        JsonNode states = GoJson.mapper().readTree(evaluated.body()).get("states");
        HttpResponse<String> report = http.send(HttpRequest.newBuilder(URI.create(url("/report")))
                .header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(GoJson.mapper().writeValueAsString(
                        Map.of("key", "smtp", "data", observation, "states", states)))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(Jsoup.parse(report.body()).select("link[rel=icon]").attr("href"))
                .as("its icon inline: the report is self-contained, its CSP allows data: images only")
                .startsWith("data:image/svg+xml,");
        Path file = Files.createDirectories(Path.of("target", "a11y")).resolve("twenty-endpoints.html");
        Files.writeString(file, report.body());
        return file.toAbsolutePath();
    }

    /** Sign in, fill in the form, submit, land on the result, then My checks, the result, Make public: Tab, typing and Enter only. */
    @Test
    void theWholeFlowWorksWithTheKeyboardAlone() {
        browser.get(url("/check"));
        assertThat(browser.getCurrentUrl()).endsWith("/login");
        Actions keys = new Actions(browser);
        tabTo("username");
        keys.sendKeys("bob").perform();
        tabTo("password");
        keys.sendKeys("bob-secret", Keys.ENTER).perform();
        waiting(Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().endsWith("/check"));

        tabTo("domain");
        keys.sendKeys("keys.test").perform();
        WebElement submit = browser.findElement(By.cssSelector("#check-form button[type=submit]"));
        for (int i = 0; i < 20 && !submit.equals(browser.switchTo().activeElement()); i++) {
            keys.sendKeys(Keys.TAB).perform();
        }
        assertThat(browser.switchTo().activeElement()).as("Tab reaches the Check button").isEqualTo(submit);
        keys.sendKeys(Keys.ENTER).perform();

        waiting(Duration.ofSeconds(90)).until(d -> !d.findElements(By.id("result")).isEmpty());
        WebElement heading = browser.findElement(By.cssSelector("#result h1"));
        assertThat(heading.getText()).isEqualTo("Result for keys.test");
        assertThat(browser.switchTo().activeElement()).as("the result's heading has the focus").isEqualTo(heading);

        // My checks, the result listed there, Make public.
        tabTo("history-link");
        keys.sendKeys(Keys.ENTER).perform();
        waiting(Duration.ofSeconds(10)).until(d -> !d.findElements(By.cssSelector("#history tbody a")).isEmpty());
        tabTo(browser.findElement(By.cssSelector("#history tbody a")), "the listed result");
        keys.sendKeys(Keys.ENTER).perform();
        waiting(Duration.ofSeconds(10)).until(d -> !d.findElements(By.id("make-public")).isEmpty());
        tabTo("make-public");
        keys.sendKeys(Keys.ENTER).perform();
        waiting(Duration.ofSeconds(10)).until(d -> !d.findElements(By.id("make-private")).isEmpty());
        assertThat(browser.findElement(By.id("permalink-link")).getText()).isEqualTo("Public link");
    }

    /** Presses Tab until the field with this id has the focus (at most 20 times), and says so. */
    private void tabTo(String id) {
        tabTo(browser.findElement(By.id(id)), "#" + id);
    }

    private void tabTo(WebElement field, String what) {
        for (int i = 0; i < 20 && !field.equals(browser.switchTo().activeElement()); i++) {
            new Actions(browser).sendKeys(Keys.TAB).perform();
        }
        assertThat(browser.switchTo().activeElement()).as("Tab reaches %s", what).isEqualTo(field);
    }
}
