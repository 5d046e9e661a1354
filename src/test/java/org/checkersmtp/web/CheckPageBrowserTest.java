package org.checkersmtp.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.checkersmtp.json.GoJson;
import org.checkersmtp.testsupport.ScriptedSmtpServer;
import org.checkersmtp.testsupport.ZoneDnsServer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The page in a real browser (Debian's Chromium, headless, through chromedriver): log in, check a domain
 * whose first MX is an open relay behind a 2 s greet pause and whose second is clean (but greets with
 * markup), and watch each address's progress arrive before the result, then read the result: the open
 * relay first in "What to fix", its OPEN RELAY badge, the banner shown as text, the report's frame
 * sized to its content, and no Content-Security-Policy complaint from the browser. Screenshots of the
 * progress and of the result, on a desktop and on a phone-sized window, are written under
 * target/check-page/ on every run. Also, over plain HTTP, the order and timing of the events themselves.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "checker.security.users[0].username=alice",
    "checker.security.users[0].password={noop}alice-secret",
    "checker.targets.allow-private=true",
    "checker.rate-limit.user-per-minute=20",
    "checker.rate-limit.ip-per-minute=20",
})
@DirtiesContext
class CheckPageBrowserTest {

    private static final Path SHOTS = Path.of("target", "check-page");
    private static final Duration GREET_PAUSE = Duration.ofSeconds(2);

    private static ZoneDnsServer dns;
    private static ScriptedSmtpServer openRelay;
    private static ScriptedSmtpServer clean;

    /** relay.test and stream.test: mx1 (127.0.0.61) relays for anyone after a 2 s pause, mx2 (127.0.0.62) refuses. */
    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) throws Exception {
        String zone = String.join("\n",
                "mx1.relay.test. 300 IN A 127.0.0.61",
                "mx2.relay.test. 300 IN A 127.0.0.62");
        for (String domain : List.of("relay.test", "stream.test", "phone.test")) {
            zone += "\n" + domain + ". 300 IN MX 10 mx1.relay.test.\n" + domain + ". 300 IN MX 20 mx2.relay.test.";
        }
        dns = new ZoneDnsServer(zone);
        openRelay = ScriptedSmtpServer.builder().address(InetAddress.getByName("127.0.0.61")).port(0)
                .hostname("mx1.relay.test").greeting("220 mx1.relay.test ESMTP").greetPause(GREET_PAUSE)
                .starttls().start();
        clean = ScriptedSmtpServer.builder().address(InetAddress.getByName("127.0.0.62")).port(openRelay.port())
                .hostname("mx2.relay.test").greeting("220 mx2.relay.test ESMTP <script>alert(1)</script>")
                .starttls().reply("RCPT TO:<postmaster@example.com>", "554 5.7.1 Relay access denied").start();
        registry.add("checker.dns.servers", dns::address);
        registry.add("checker.smtp.port", openRelay::port);
    }

    @AfterAll
    static void stopServers() {
        openRelay.close();
        clean.close();
        dns.close();
    }

    @LocalServerPort
    int port;

    private Chromium chromium;
    private WebDriver browser;

    @BeforeEach
    void startBrowser() throws Exception {
        Files.createDirectories(SHOTS);
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

    private void logIn() {
        browser.get(url("/check"));
        assertThat(browser.getCurrentUrl()).endsWith("/login");
        browser.findElement(By.id("username")).sendKeys("alice");
        browser.findElement(By.id("password")).sendKeys("alice-secret");
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().endsWith("/check"));
    }

    /** The step shown for the host's address, read in one go (the page replaces it as events arrive). */
    private String step(String host) {
        return (String) js().executeScript("var row = Array.from(document.querySelectorAll('#progress-table tbody tr'))"
                + ".find(r => r.dataset.id.startsWith(arguments[0] + '/'));"
                + "return row ? row.querySelector('.step').textContent : null;", host);
    }

    @SuppressWarnings("unchecked")
    private List<String> progressRows() {
        return (List<String>) js().executeScript("return Array.from(document.querySelectorAll('#progress-table tbody tr'))"
                + ".map(r => Array.from(r.cells).map(c => c.textContent).join(' | '));");
    }

    private org.openqa.selenium.JavascriptExecutor js() {
        return (org.openqa.selenium.JavascriptExecutor) browser;
    }

    private void screenshot(String name) throws Exception {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void progressOfEachAddressComesBeforeTheResultWhichPutsTheOpenRelayFirst() throws Exception {
        logIn();
        assertThat(browser.getTitle()).isEqualTo("Check a domain · checker-smtp");
        browser.findElement(By.id("domain")).sendKeys("relay.test");
        browser.findElement(By.cssSelector("#check-form button[type=submit]")).click();

        // The open relay sits in its greet pause while the clean server has already finished.
        WebDriverWait progress = new WebDriverWait(browser, Duration.ofSeconds(30), Duration.ofMillis(50));
        progress.until(d -> "banner".equals(step("mx1.relay.test")) && "done".equals(step("mx2.relay.test")));
        assertThat(browser.findElements(By.id("result"))).as("no result yet").isEmpty();
        assertThat(browser.findElement(By.id("progress")).isDisplayed()).isTrue();
        assertThat(progressRows()).containsExactly("mx1.relay.test127.0.0.61 (IPv4) | banner",
                "mx2.relay.test127.0.0.62 (IPv4) | done");
        screenshot("desktop-progress");

        new WebDriverWait(browser, Duration.ofSeconds(90)).until(d -> !d.findElements(By.id("result")).isEmpty());
        assertThat(browser.getTitle()).isEqualTo("Result for relay.test · checker-smtp");
        assertThat(browser.findElement(By.cssSelector("#result .verdict .badge")).getText()).isEqualTo("CRIT");
        WebElement frame = browser.findElement(By.cssSelector("iframe.report"));
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> frame.getSize().getHeight() > 1500
                && !reportScrollsInsideItsFrame());
        screenshot("desktop-result");
        int closed = frame.getSize().getHeight();

        browser.switchTo().frame(frame);
        WebElement firstFix = browser.findElement(By.cssSelector("#what-to-fix .fix"));
        assertThat(firstFix.getText()).startsWith("CRIT").contains("mx1.relay.test (127.0.0.61) is an open relay");
        List<WebElement> endpoints = browser.findElements(By.cssSelector("#endpoints .endpoint h3"));
        assertThat(endpoints).extracting(WebElement::getText)
                .containsExactly("mx1.relay.test (127.0.0.61) OPEN RELAY", "mx2.relay.test (127.0.0.62)");
        WebElement badge = endpoints.get(0).findElement(By.cssSelector(".badge"));
        assertThat(badge.getCssValue("background-color")).isEqualTo("rgba(207, 34, 46, 1)");
        assertThat(browser.findElement(By.cssSelector("#endpoints")).getText())
                .contains("220 mx2.relay.test ESMTP <script>alert(1)</script>");
        assertThat(browser.findElements(By.tagName("script"))).as("the banner stays text").isEmpty();
        // Opening a transcript makes the report taller: the frame follows, the page scrolls, not the frame.
        WebElement transcript = browser.findElement(By.cssSelector("#endpoints details summary"));
        js().executeScript("arguments[0].click();", transcript);
        browser.switchTo().defaultContent();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> frame.getSize().getHeight() > closed + 100
                && !reportScrollsInsideItsFrame());
        assertThat(alertShown()).isFalse();
        assertThat(cspComplaints()).isEmpty();
    }

    @Test
    void onAPhoneTheFormAndTheResultFitTheScreen() throws Exception {
        browser.manage().window().setSize(new Dimension(390, 844));
        logIn();
        assertThat(horizontalOverflow()).as("the form fits").isFalse();
        browser.findElement(By.cssSelector("details summary")).click();
        browser.findElement(By.id("domain")).sendKeys("phone.test");
        screenshot("phone-form");
        browser.findElement(By.cssSelector("#check-form button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(30), Duration.ofMillis(50))
                .until(d -> "banner".equals(step("mx1.relay.test")));
        screenshot("phone-progress");
        new WebDriverWait(browser, Duration.ofSeconds(90)).until(d -> !d.findElements(By.id("result")).isEmpty());
        WebElement frame = browser.findElement(By.cssSelector("iframe.report"));
        assertThat(frame.getSize().getWidth()).isLessThanOrEqualTo(390);
        assertThat(js().executeScript("var d = document.querySelector('iframe.report').contentDocument;"
                + "return Array.from(d.querySelectorAll('body *')).filter(e => e.getBoundingClientRect().right"
                + " > d.documentElement.clientWidth + 1).map(e => e.tagName + '.' + e.className).slice(0, 5);"))
                .as("nothing in the report is wider than the phone").asList().isEmpty();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> frame.getSize().getHeight() > 1500
                && !reportScrollsInsideItsFrame());
        assertThat(horizontalOverflow()).as("the result page fits").isFalse();
        screenshot("phone-result");
        assertThat(cspComplaints()).isEmpty();
    }

    /** The events on the wire: an MX list, then each address's steps in order, the result last. */
    @Test
    void theStreamSendsEachStepAsItHappensAndTheResultLast() throws Exception {
        PageBrowser http = new PageBrowser(port);
        http.login("alice", "alice-secret");
        long start = System.nanoTime();
        List<PageBrowser.Event> events = http.stream("_csrf", http.csrf(), "domain", "stream.test");

        assertThat(events.get(0).name()).isEqualTo("mx");
        assertThat(events.get(events.size() - 1).name()).isEqualTo("result");
        // A reader that falls behind gets an address's latest step only: fast steps may be skipped, never reordered.
        List<String> relaySteps = new java.util.ArrayList<>();
        events.stream().filter(e -> e.name().equals("endpoint") && e.data().contains("\"id\":\"mx1.relay.test/"))
                .map(e -> GoJson.mapper().readTree(e.data()).get("step").asString())
                .filter(step -> relaySteps.isEmpty() || !relaySteps.get(relaySteps.size() - 1).equals(step))
                .forEach(relaySteps::add);
        assertThat(relaySteps).contains("banner").endsWith("done");
        assertThat(List.of("queued", "connect", "banner", "EHLO", "STARTTLS", "EHLO over TLS", "transactions", "QUIT",
                "done")).containsSubsequence(relaySteps);
        PageBrowser.Event banner = events.stream().filter(e -> e.data().contains("\"id\":\"mx1.relay.test/")
                && e.data().contains("\"step\":\"banner\"")).findFirst().orElseThrow();
        PageBrowser.Event result = events.get(events.size() - 1);
        assertThat(Duration.ofNanos(result.arrivedNanos() - banner.arrivedNanos()))
                .as("the banner step arrived while the server was still pausing, not with the result")
                .isGreaterThanOrEqualTo(GREET_PAUSE.minusMillis(300));
        assertThat(Duration.ofNanos(banner.arrivedNanos() - start)).isLessThan(GREET_PAUSE);

        Document page = Jsoup.parse(GoJson.mapper().readTree(result.data()).get("html").asString());
        Document report = Jsoup.parse(page.selectFirst("iframe.report").attr("srcdoc"));
        assertThat(report.select("#endpoints .endpoint").get(1).text()).contains("ESMTP <script>alert(1)</script>");
        assertThat(report.select("script")).isEmpty();
    }

    private boolean alertShown() {
        try {
            browser.switchTo().alert();
            return true;
        } catch (NoAlertPresentException e) {
            return false;
        }
    }

    /** The report frame is sized by /js/check.js: the page scrolls, not a frame inside it. */
    private boolean reportScrollsInsideItsFrame() {
        Object scrolls = js().executeScript(
                "var f = document.querySelector('iframe.report');"
                        + "return f.contentDocument.documentElement.scrollHeight > f.clientHeight + 1;");
        return Boolean.TRUE.equals(scrolls);
    }

    private boolean horizontalOverflow() {
        Object overflow = js().executeScript(
                "return document.documentElement.scrollWidth > document.documentElement.clientWidth;");
        return Boolean.TRUE.equals(overflow);
    }

    private List<String> cspComplaints() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy") || m.contains("Refused to")).toList();
    }
}
