package org.checkersmtp.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.checkersmtp.testsupport.ScriptedSmtpServer;
import org.checkersmtp.testsupport.ZoneDnsServer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The result cache through real /check posts over HTTP: for every field of the form (from the option
 * catalogue, so a new option is covered by itself), a check that differs from another only there is
 * checked again — never answered from the other's entry — while the same check twice is served from the
 * cache. The scripted MX counts the sessions; the page shows the cache's notice.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "checker.security.users[0].username=alice",
    "checker.security.users[0].password={noop}alice-secret",
    "checker.targets.allow-private=true",
    "checker.probe.result-cache=10m",
    "checker.rate-limit.user-per-minute=1000",
    "checker.rate-limit.ip-per-minute=1000",
    "checker.rate-limit.user-per-day=10000",
})
@DirtiesContext
class CachedCheckPageTest {

    private static ZoneDnsServer dns;
    private static ScriptedSmtpServer mx;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) throws Exception {
        dns = new ZoneDnsServer(String.join("\n",
                "cache.test. 300 IN MX 10 mx.cache.test.",
                "other-cache.test. 300 IN MX 10 mx.cache.test.",
                "mx.cache.test. 300 IN A 127.0.0.64"));
        mx = ScriptedSmtpServer.builder().address(InetAddress.getByName("127.0.0.64")).port(0).start();
        registry.add("checker.dns.servers", dns::address);
        registry.add("checker.smtp.port", mx::port);
    }

    @AfterAll
    static void stop() {
        mx.close();
        dns.close();
    }

    @LocalServerPort
    int port;

    private Document check(PageBrowser browser, Map<String, String[]> form) throws Exception {
        List<String> nameValues = new ArrayList<>(List.of("_csrf", browser.csrf()));
        form.forEach((name, values) -> {
            for (String value : values) {
                nameValues.add(name);
                nameValues.add(value);
            }
        });
        HttpResponse<String> page = browser.post("/check", nameValues.toArray(String[]::new));
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        Document doc = Jsoup.parse(page.body());
        assertThat(doc.select("iframe.report")).as("a result page").hasSize(1);
        return doc;
    }

    private static boolean cached(Document page) {
        return !page.select(".notice.cached").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.checkersmtp.web.CachedResultTest#pageFields")
    void aCheckThatDiffersInOneOptionRunsAgainAndTheSameCheckIsServedFromTheCache(CheckForm.Field changed)
            throws Exception {
        PageBrowser browser = new PageBrowser(port);
        browser.login("alice", "alice-secret");
        check(browser, CachedResultTest.submission(null, "cache.test", "other-cache.test"));
        Map<String, String[]> other = CachedResultTest.submission(changed, "cache.test", "other-cache.test");
        int sessions = mx.connections();

        Document otherPage = check(browser, other);

        assertThat(cached(otherPage)).as("%s changed is another check, not the cached one", changed.id()).isFalse();
        assertThat(mx.connections()).as("%s changed reached the MX again", changed.id()).isGreaterThan(sessions);

        sessions = mx.connections();
        Document again = check(browser, other);

        assertThat(cached(again)).as("the same check again comes from the cache").isTrue();
        assertThat(mx.connections()).as("the cached check reached no MX").isEqualTo(sessions);
    }
}
