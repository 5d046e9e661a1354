package org.checkersmtp.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.checkersmtp.i18n.Catalogue;
import org.checkersmtp.testsupport.ZoneDnsServer;
import org.checkersmtp.testsupport.realservers.PostfixInstance;
import org.checkersmtp.testsupport.realservers.PostfixInstance.Personality;
import org.checkersmtp.testsupport.realservers.RealServers;
import org.jsoup.Jsoup;
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
 * A French browser (Chromium with {@code --lang=fr} and French as its only accepted language) against a real
 * Postfix without STARTTLS: the sign-in, the form, the progress the script writes (status line and steps)
 * and the result are in French, the fix too with its Postfix settings as they are; the header's switcher
 * turns the same result into English, and the choice sticks (a cookie) although the browser still asks for French.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "checker.security.users[0].username=alice",
    "checker.security.users[0].password={noop}alice-secret",
    "checker.targets.allow-private=true",
    "checker.probe.result-cache=0s",
})
@DirtiesContext
class FrenchPagesBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String ADDRESS = "127.0.0.93";
    private static final Catalogue CATALOGUE = Catalogue.classpath();

    private static ZoneDnsServer dns;
    private static PostfixInstance postfix;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) throws Exception {
        dns = new ZoneDnsServer(String.join("\n",
                "francais.test. 300 IN MX 10 mx.francais.test.",
                "mx.francais.test. 300 IN A " + ADDRESS));
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

    private WebDriver browser;
    private Path profile;

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
            RealServers.deleteRecursively(profile);
        }
    }

    private WebDriver frenchBrowser() throws Exception {
        RealServers.require(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "chromium and chromium-driver are not installed");
        profile = Files.createTempDirectory("checker-chromium-");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless",
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir=" + profile,
                "--window-size=1280,900", "--lang=fr");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "fr"));
        browser = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build(), options);
        return browser;
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private static String fr(String key) {
        return CATALOGUE.text(key, Locale.FRENCH);
    }

    private static String en(String key) {
        return CATALOGUE.text(key, Locale.ENGLISH);
    }

    private static String text(WebDriver browser, String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

    /** The report inside the result's frame, as text. */
    private static String report(WebDriver browser) {
        return Jsoup.parse(browser.findElement(By.cssSelector("iframe.report")).getAttribute("srcdoc")).text()
                .replace('\u00a0', ' ');
    }

    @Test
    void aFrenchBrowserChecksInFrench_theSwitcherTurnsTheSameResultIntoEnglish() throws Exception {
        postfix = PostfixInstance.start(Personality.NO_TLS, ADDRESS, "francais.test", false);
        WebDriver browser = frenchBrowser();

        browser.get(url("/check"));
        assertThat(text(browser, "h1")).isEqualTo(fr("page.login.title"));
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("fr");
        assertThat(text(browser, "label[for=password]")).isEqualTo("Mot de passe");
        browser.findElement(By.id("username")).sendKeys("alice");
        browser.findElement(By.id("password")).sendKeys("alice-secret");
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().endsWith("/check"));

        // WebDriver's getText shows a no-break space as a space.
        assertThat(text(browser, "h1")).isEqualTo(fr("page.check.heading").replace('\u00a0', ' '))
                .isEqualTo("Ce domaine peut-il recevoir du courrier ?");
        assertThat(text(browser, "#check-form button[type=submit]")).isEqualTo("Vérifier");
        assertThat(text(browser, ".site-header")).contains("Mes vérifications", "Se déconnecter");
        // Every line of the progress, as the script writes it (the result then replaces the form).
        ((JavascriptExecutor) browser).executeScript("window.said = [];"
                + "new MutationObserver(function () { window.said.push(document.getElementById('progress-status')"
                + ".textContent); }).observe(document.getElementById('progress-status'), { childList: true });"
                + "window.steps = []; new MutationObserver(function () { document.querySelectorAll('#progress .step')"
                + ".forEach(function (s) { window.steps.push(s.textContent); }); })"
                + ".observe(document.querySelector('#progress tbody'), { childList: true, subtree: true });");
        browser.findElement(By.id("domain")).sendKeys("francais.test");
        browser.findElement(By.cssSelector("#check-form button[type=submit]")).click();
        WebElement link = new WebDriverWait(browser, Duration.ofSeconds(120))
                .until(d -> d.findElements(By.id("permalink-link")).stream().findFirst().orElse(null));
        @SuppressWarnings("unchecked")
        List<String> said = (List<String>) ((JavascriptExecutor) browser).executeScript("return window.said");
        assertThat(said).contains(fr("page.check.progress.dns"), fr("page.check.progress.probing_one"),
                fr("page.check.progress.judging"));

        @SuppressWarnings("unchecked")
        List<String> steps = (List<String>) ((JavascriptExecutor) browser).executeScript("return window.steps");
        // A quick session may skip its earlier steps (the stream keeps only an address's latest), never its end.
        assertThat(steps).contains(fr("page.check.step.done"))
                .doesNotContain("queued", "connect", "banner", "done", "reverse DNS", "failed");
        assertThat(text(browser, "h1")).isEqualTo("Résultat pour francais.test");
        assertThat(browser.getTitle()).isEqualTo("Résultat pour francais.test · checker-smtp");
        assertThat(link.getText()).isEqualTo("Lien permanent");
        assertThat(text(browser, ".verdict")).contains("à corriger, en tête du rapport ci-dessous.");
        String fix = fr("smtp.starttls_offered.missing.fix").replace('\u00a0', ' ');
        assertThat(fix).contains("smtpd_tls_security_level = may")
                .isNotEqualTo(en("smtp.starttls_offered.missing.fix"));
        assertThat(report(browser)).contains(fix);

        // The switcher under the streamed result: the same result, in English, and English from then on.
        String permalink = link.getAttribute("href");
        WebElement english = browser.findElement(By.id("lang-en"));
        assertThat(english.getAttribute("lang")).isEqualTo("en");
        assertThat(browser.findElement(By.id("lang-fr")).getAttribute("aria-current")).isEqualTo("true");
        english.click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.stalenessOf(english));
        assertThat(browser.getCurrentUrl()).isEqualTo(permalink + "?lang=en");
        assertThat(text(browser, "h1")).isEqualTo("Result for francais.test");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        assertThat(text(browser, "#permalink-link")).isEqualTo("Permalink");
        assertThat(report(browser)).contains(en("smtp.starttls_offered.missing.fix")).doesNotContain(fix);

        browser.get(url("/check"));
        assertThat(text(browser, "h1")).isEqualTo("Can this domain receive mail?");
        browser.findElement(By.id("lang-fr")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(d -> d.findElement(By.tagName("h1")).getText().startsWith("Ce domaine"));
    }
}
